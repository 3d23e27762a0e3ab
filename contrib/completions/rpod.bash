_rpod() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="rpod"
                ;;
            rpod,artifact)
                cmd="rpod__subcmd__artifact"
                ;;
            rpod,attach)
                cmd="rpod__subcmd__attach"
                ;;
            rpod,build)
                cmd="rpod__subcmd__build"
                ;;
            rpod,buildx)
                cmd="rpod__subcmd__buildx"
                ;;
            rpod,commit)
                cmd="rpod__subcmd__commit"
                ;;
            rpod,completion)
                cmd="rpod__subcmd__completion"
                ;;
            rpod,compose)
                cmd="rpod__subcmd__compose"
                ;;
            rpod,container)
                cmd="rpod__subcmd__container"
                ;;
            rpod,cp)
                cmd="rpod__subcmd__cp"
                ;;
            rpod,create)
                cmd="rpod__subcmd__create"
                ;;
            rpod,diff)
                cmd="rpod__subcmd__diff"
                ;;
            rpod,events)
                cmd="rpod__subcmd__events"
                ;;
            rpod,exec)
                cmd="rpod__subcmd__exec"
                ;;
            rpod,export)
                cmd="rpod__subcmd__export"
                ;;
            rpod,generate)
                cmd="rpod__subcmd__generate"
                ;;
            rpod,healthcheck)
                cmd="rpod__subcmd__healthcheck"
                ;;
            rpod,help)
                cmd="rpod__subcmd__help"
                ;;
            rpod,history)
                cmd="rpod__subcmd__history"
                ;;
            rpod,image)
                cmd="rpod__subcmd__image"
                ;;
            rpod,image-ls)
                cmd="rpod__subcmd__images"
                ;;
            rpod,images)
                cmd="rpod__subcmd__images"
                ;;
            rpod,import)
                cmd="rpod__subcmd__import"
                ;;
            rpod,info)
                cmd="rpod__subcmd__info"
                ;;
            rpod,inspect)
                cmd="rpod__subcmd__inspect"
                ;;
            rpod,internal)
                cmd="rpod__subcmd__internal"
                ;;
            rpod,kill)
                cmd="rpod__subcmd__kill"
                ;;
            rpod,kube)
                cmd="rpod__subcmd__kube"
                ;;
            rpod,load)
                cmd="rpod__subcmd__load"
                ;;
            rpod,login)
                cmd="rpod__subcmd__login"
                ;;
            rpod,logout)
                cmd="rpod__subcmd__logout"
                ;;
            rpod,logs)
                cmd="rpod__subcmd__logs"
                ;;
            rpod,mount)
                cmd="rpod__subcmd__mount"
                ;;
            rpod,network)
                cmd="rpod__subcmd__network"
                ;;
            rpod,pause)
                cmd="rpod__subcmd__pause"
                ;;
            rpod,play)
                cmd="rpod__subcmd__play"
                ;;
            rpod,pod)
                cmd="rpod__subcmd__pod"
                ;;
            rpod,port)
                cmd="rpod__subcmd__port"
                ;;
            rpod,ps)
                cmd="rpod__subcmd__ps"
                ;;
            rpod,pull)
                cmd="rpod__subcmd__pull"
                ;;
            rpod,push)
                cmd="rpod__subcmd__push"
                ;;
            rpod,quadlet)
                cmd="rpod__subcmd__quadlet"
                ;;
            rpod,rename)
                cmd="rpod__subcmd__rename"
                ;;
            rpod,restart)
                cmd="rpod__subcmd__restart"
                ;;
            rpod,rm)
                cmd="rpod__subcmd__rm"
                ;;
            rpod,rmi)
                cmd="rpod__subcmd__rmi"
                ;;
            rpod,run)
                cmd="rpod__subcmd__run"
                ;;
            rpod,save)
                cmd="rpod__subcmd__save"
                ;;
            rpod,secret)
                cmd="rpod__subcmd__secret"
                ;;
            rpod,start)
                cmd="rpod__subcmd__start"
                ;;
            rpod,stats)
                cmd="rpod__subcmd__stats"
                ;;
            rpod,stop)
                cmd="rpod__subcmd__stop"
                ;;
            rpod,system)
                cmd="rpod__subcmd__system"
                ;;
            rpod,tag)
                cmd="rpod__subcmd__tag"
                ;;
            rpod,top)
                cmd="rpod__subcmd__top"
                ;;
            rpod,umount)
                cmd="rpod__subcmd__umount"
                ;;
            rpod,unmount)
                cmd="rpod__subcmd__umount"
                ;;
            rpod,unpause)
                cmd="rpod__subcmd__unpause"
                ;;
            rpod,unshare)
                cmd="rpod__subcmd__unshare"
                ;;
            rpod,untag)
                cmd="rpod__subcmd__untag"
                ;;
            rpod,update)
                cmd="rpod__subcmd__update"
                ;;
            rpod,version)
                cmd="rpod__subcmd__version"
                ;;
            rpod,volume)
                cmd="rpod__subcmd__volume"
                ;;
            rpod,wait)
                cmd="rpod__subcmd__wait"
                ;;
            rpod__subcmd__artifact,add)
                cmd="rpod__subcmd__artifact__subcmd__add"
                ;;
            rpod__subcmd__artifact,extract)
                cmd="rpod__subcmd__artifact__subcmd__extract"
                ;;
            rpod__subcmd__artifact,help)
                cmd="rpod__subcmd__artifact__subcmd__help"
                ;;
            rpod__subcmd__artifact,inspect)
                cmd="rpod__subcmd__artifact__subcmd__inspect"
                ;;
            rpod__subcmd__artifact,list)
                cmd="rpod__subcmd__artifact__subcmd__ls"
                ;;
            rpod__subcmd__artifact,ls)
                cmd="rpod__subcmd__artifact__subcmd__ls"
                ;;
            rpod__subcmd__artifact,pull)
                cmd="rpod__subcmd__artifact__subcmd__pull"
                ;;
            rpod__subcmd__artifact,push)
                cmd="rpod__subcmd__artifact__subcmd__push"
                ;;
            rpod__subcmd__artifact,remove)
                cmd="rpod__subcmd__artifact__subcmd__rm"
                ;;
            rpod__subcmd__artifact,rm)
                cmd="rpod__subcmd__artifact__subcmd__rm"
                ;;
            rpod__subcmd__artifact__subcmd__help,add)
                cmd="rpod__subcmd__artifact__subcmd__help__subcmd__add"
                ;;
            rpod__subcmd__artifact__subcmd__help,extract)
                cmd="rpod__subcmd__artifact__subcmd__help__subcmd__extract"
                ;;
            rpod__subcmd__artifact__subcmd__help,help)
                cmd="rpod__subcmd__artifact__subcmd__help__subcmd__help"
                ;;
            rpod__subcmd__artifact__subcmd__help,inspect)
                cmd="rpod__subcmd__artifact__subcmd__help__subcmd__inspect"
                ;;
            rpod__subcmd__artifact__subcmd__help,ls)
                cmd="rpod__subcmd__artifact__subcmd__help__subcmd__ls"
                ;;
            rpod__subcmd__artifact__subcmd__help,pull)
                cmd="rpod__subcmd__artifact__subcmd__help__subcmd__pull"
                ;;
            rpod__subcmd__artifact__subcmd__help,push)
                cmd="rpod__subcmd__artifact__subcmd__help__subcmd__push"
                ;;
            rpod__subcmd__artifact__subcmd__help,rm)
                cmd="rpod__subcmd__artifact__subcmd__help__subcmd__rm"
                ;;
            rpod__subcmd__buildx,build)
                cmd="rpod__subcmd__buildx__subcmd__build"
                ;;
            rpod__subcmd__buildx,help)
                cmd="rpod__subcmd__buildx__subcmd__help"
                ;;
            rpod__subcmd__buildx,version)
                cmd="rpod__subcmd__buildx__subcmd__version"
                ;;
            rpod__subcmd__buildx__subcmd__help,build)
                cmd="rpod__subcmd__buildx__subcmd__help__subcmd__build"
                ;;
            rpod__subcmd__buildx__subcmd__help,help)
                cmd="rpod__subcmd__buildx__subcmd__help__subcmd__help"
                ;;
            rpod__subcmd__buildx__subcmd__help,version)
                cmd="rpod__subcmd__buildx__subcmd__help__subcmd__version"
                ;;
            rpod__subcmd__compose,build)
                cmd="rpod__subcmd__compose__subcmd__build"
                ;;
            rpod__subcmd__compose,config)
                cmd="rpod__subcmd__compose__subcmd__config"
                ;;
            rpod__subcmd__compose,create)
                cmd="rpod__subcmd__compose__subcmd__create"
                ;;
            rpod__subcmd__compose,down)
                cmd="rpod__subcmd__compose__subcmd__down"
                ;;
            rpod__subcmd__compose,exec)
                cmd="rpod__subcmd__compose__subcmd__exec"
                ;;
            rpod__subcmd__compose,help)
                cmd="rpod__subcmd__compose__subcmd__help"
                ;;
            rpod__subcmd__compose,images)
                cmd="rpod__subcmd__compose__subcmd__images"
                ;;
            rpod__subcmd__compose,kill)
                cmd="rpod__subcmd__compose__subcmd__kill"
                ;;
            rpod__subcmd__compose,logs)
                cmd="rpod__subcmd__compose__subcmd__logs"
                ;;
            rpod__subcmd__compose,ls)
                cmd="rpod__subcmd__compose__subcmd__ls"
                ;;
            rpod__subcmd__compose,pause)
                cmd="rpod__subcmd__compose__subcmd__pause"
                ;;
            rpod__subcmd__compose,port)
                cmd="rpod__subcmd__compose__subcmd__port"
                ;;
            rpod__subcmd__compose,ps)
                cmd="rpod__subcmd__compose__subcmd__ps"
                ;;
            rpod__subcmd__compose,pull)
                cmd="rpod__subcmd__compose__subcmd__pull"
                ;;
            rpod__subcmd__compose,push)
                cmd="rpod__subcmd__compose__subcmd__push"
                ;;
            rpod__subcmd__compose,restart)
                cmd="rpod__subcmd__compose__subcmd__restart"
                ;;
            rpod__subcmd__compose,rm)
                cmd="rpod__subcmd__compose__subcmd__rm"
                ;;
            rpod__subcmd__compose,run)
                cmd="rpod__subcmd__compose__subcmd__run"
                ;;
            rpod__subcmd__compose,start)
                cmd="rpod__subcmd__compose__subcmd__start"
                ;;
            rpod__subcmd__compose,stop)
                cmd="rpod__subcmd__compose__subcmd__stop"
                ;;
            rpod__subcmd__compose,top)
                cmd="rpod__subcmd__compose__subcmd__top"
                ;;
            rpod__subcmd__compose,unpause)
                cmd="rpod__subcmd__compose__subcmd__unpause"
                ;;
            rpod__subcmd__compose,up)
                cmd="rpod__subcmd__compose__subcmd__up"
                ;;
            rpod__subcmd__compose__subcmd__help,build)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__build"
                ;;
            rpod__subcmd__compose__subcmd__help,config)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__config"
                ;;
            rpod__subcmd__compose__subcmd__help,create)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__create"
                ;;
            rpod__subcmd__compose__subcmd__help,down)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__down"
                ;;
            rpod__subcmd__compose__subcmd__help,exec)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__exec"
                ;;
            rpod__subcmd__compose__subcmd__help,help)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__help"
                ;;
            rpod__subcmd__compose__subcmd__help,images)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__images"
                ;;
            rpod__subcmd__compose__subcmd__help,kill)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__kill"
                ;;
            rpod__subcmd__compose__subcmd__help,logs)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__logs"
                ;;
            rpod__subcmd__compose__subcmd__help,ls)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__ls"
                ;;
            rpod__subcmd__compose__subcmd__help,pause)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__pause"
                ;;
            rpod__subcmd__compose__subcmd__help,port)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__port"
                ;;
            rpod__subcmd__compose__subcmd__help,ps)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__ps"
                ;;
            rpod__subcmd__compose__subcmd__help,pull)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__pull"
                ;;
            rpod__subcmd__compose__subcmd__help,push)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__push"
                ;;
            rpod__subcmd__compose__subcmd__help,restart)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__restart"
                ;;
            rpod__subcmd__compose__subcmd__help,rm)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__rm"
                ;;
            rpod__subcmd__compose__subcmd__help,run)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__run"
                ;;
            rpod__subcmd__compose__subcmd__help,start)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__start"
                ;;
            rpod__subcmd__compose__subcmd__help,stop)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__stop"
                ;;
            rpod__subcmd__compose__subcmd__help,top)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__top"
                ;;
            rpod__subcmd__compose__subcmd__help,unpause)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__unpause"
                ;;
            rpod__subcmd__compose__subcmd__help,up)
                cmd="rpod__subcmd__compose__subcmd__help__subcmd__up"
                ;;
            rpod__subcmd__container,attach)
                cmd="rpod__subcmd__container__subcmd__attach"
                ;;
            rpod__subcmd__container,cleanup)
                cmd="rpod__subcmd__container__subcmd__cleanup"
                ;;
            rpod__subcmd__container,commit)
                cmd="rpod__subcmd__container__subcmd__commit"
                ;;
            rpod__subcmd__container,cp)
                cmd="rpod__subcmd__container__subcmd__cp"
                ;;
            rpod__subcmd__container,create)
                cmd="rpod__subcmd__container__subcmd__create"
                ;;
            rpod__subcmd__container,diff)
                cmd="rpod__subcmd__container__subcmd__diff"
                ;;
            rpod__subcmd__container,exec)
                cmd="rpod__subcmd__container__subcmd__exec"
                ;;
            rpod__subcmd__container,exists)
                cmd="rpod__subcmd__container__subcmd__exists"
                ;;
            rpod__subcmd__container,export)
                cmd="rpod__subcmd__container__subcmd__export"
                ;;
            rpod__subcmd__container,help)
                cmd="rpod__subcmd__container__subcmd__help"
                ;;
            rpod__subcmd__container,inspect)
                cmd="rpod__subcmd__container__subcmd__inspect"
                ;;
            rpod__subcmd__container,kill)
                cmd="rpod__subcmd__container__subcmd__kill"
                ;;
            rpod__subcmd__container,list)
                cmd="rpod__subcmd__container__subcmd__list"
                ;;
            rpod__subcmd__container,logs)
                cmd="rpod__subcmd__container__subcmd__logs"
                ;;
            rpod__subcmd__container,ls)
                cmd="rpod__subcmd__container__subcmd__list"
                ;;
            rpod__subcmd__container,mount)
                cmd="rpod__subcmd__container__subcmd__mount"
                ;;
            rpod__subcmd__container,pause)
                cmd="rpod__subcmd__container__subcmd__pause"
                ;;
            rpod__subcmd__container,port)
                cmd="rpod__subcmd__container__subcmd__port"
                ;;
            rpod__subcmd__container,prune)
                cmd="rpod__subcmd__container__subcmd__prune"
                ;;
            rpod__subcmd__container,ps)
                cmd="rpod__subcmd__container__subcmd__list"
                ;;
            rpod__subcmd__container,rename)
                cmd="rpod__subcmd__container__subcmd__rename"
                ;;
            rpod__subcmd__container,restart)
                cmd="rpod__subcmd__container__subcmd__restart"
                ;;
            rpod__subcmd__container,rm)
                cmd="rpod__subcmd__container__subcmd__rm"
                ;;
            rpod__subcmd__container,run)
                cmd="rpod__subcmd__container__subcmd__run"
                ;;
            rpod__subcmd__container,start)
                cmd="rpod__subcmd__container__subcmd__start"
                ;;
            rpod__subcmd__container,stats)
                cmd="rpod__subcmd__container__subcmd__stats"
                ;;
            rpod__subcmd__container,stop)
                cmd="rpod__subcmd__container__subcmd__stop"
                ;;
            rpod__subcmd__container,top)
                cmd="rpod__subcmd__container__subcmd__top"
                ;;
            rpod__subcmd__container,umount)
                cmd="rpod__subcmd__container__subcmd__umount"
                ;;
            rpod__subcmd__container,unmount)
                cmd="rpod__subcmd__container__subcmd__umount"
                ;;
            rpod__subcmd__container,unpause)
                cmd="rpod__subcmd__container__subcmd__unpause"
                ;;
            rpod__subcmd__container,update)
                cmd="rpod__subcmd__container__subcmd__update"
                ;;
            rpod__subcmd__container,wait)
                cmd="rpod__subcmd__container__subcmd__wait"
                ;;
            rpod__subcmd__container__subcmd__help,attach)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__attach"
                ;;
            rpod__subcmd__container__subcmd__help,cleanup)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__cleanup"
                ;;
            rpod__subcmd__container__subcmd__help,commit)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__commit"
                ;;
            rpod__subcmd__container__subcmd__help,cp)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__cp"
                ;;
            rpod__subcmd__container__subcmd__help,create)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__create"
                ;;
            rpod__subcmd__container__subcmd__help,diff)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__diff"
                ;;
            rpod__subcmd__container__subcmd__help,exec)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__exec"
                ;;
            rpod__subcmd__container__subcmd__help,exists)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__exists"
                ;;
            rpod__subcmd__container__subcmd__help,export)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__export"
                ;;
            rpod__subcmd__container__subcmd__help,help)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__help"
                ;;
            rpod__subcmd__container__subcmd__help,inspect)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__inspect"
                ;;
            rpod__subcmd__container__subcmd__help,kill)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__kill"
                ;;
            rpod__subcmd__container__subcmd__help,list)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__list"
                ;;
            rpod__subcmd__container__subcmd__help,logs)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__logs"
                ;;
            rpod__subcmd__container__subcmd__help,mount)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__mount"
                ;;
            rpod__subcmd__container__subcmd__help,pause)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__pause"
                ;;
            rpod__subcmd__container__subcmd__help,port)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__port"
                ;;
            rpod__subcmd__container__subcmd__help,prune)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__prune"
                ;;
            rpod__subcmd__container__subcmd__help,rename)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__rename"
                ;;
            rpod__subcmd__container__subcmd__help,restart)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__restart"
                ;;
            rpod__subcmd__container__subcmd__help,rm)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__rm"
                ;;
            rpod__subcmd__container__subcmd__help,run)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__run"
                ;;
            rpod__subcmd__container__subcmd__help,start)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__start"
                ;;
            rpod__subcmd__container__subcmd__help,stats)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__stats"
                ;;
            rpod__subcmd__container__subcmd__help,stop)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__stop"
                ;;
            rpod__subcmd__container__subcmd__help,top)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__top"
                ;;
            rpod__subcmd__container__subcmd__help,umount)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__umount"
                ;;
            rpod__subcmd__container__subcmd__help,unpause)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__unpause"
                ;;
            rpod__subcmd__container__subcmd__help,update)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__update"
                ;;
            rpod__subcmd__container__subcmd__help,wait)
                cmd="rpod__subcmd__container__subcmd__help__subcmd__wait"
                ;;
            rpod__subcmd__generate,help)
                cmd="rpod__subcmd__generate__subcmd__help"
                ;;
            rpod__subcmd__generate,kube)
                cmd="rpod__subcmd__generate__subcmd__kube"
                ;;
            rpod__subcmd__generate,systemd)
                cmd="rpod__subcmd__generate__subcmd__systemd"
                ;;
            rpod__subcmd__generate__subcmd__help,help)
                cmd="rpod__subcmd__generate__subcmd__help__subcmd__help"
                ;;
            rpod__subcmd__generate__subcmd__help,kube)
                cmd="rpod__subcmd__generate__subcmd__help__subcmd__kube"
                ;;
            rpod__subcmd__generate__subcmd__help,systemd)
                cmd="rpod__subcmd__generate__subcmd__help__subcmd__systemd"
                ;;
            rpod__subcmd__healthcheck,help)
                cmd="rpod__subcmd__healthcheck__subcmd__help"
                ;;
            rpod__subcmd__healthcheck,run)
                cmd="rpod__subcmd__healthcheck__subcmd__run"
                ;;
            rpod__subcmd__healthcheck__subcmd__help,help)
                cmd="rpod__subcmd__healthcheck__subcmd__help__subcmd__help"
                ;;
            rpod__subcmd__healthcheck__subcmd__help,run)
                cmd="rpod__subcmd__healthcheck__subcmd__help__subcmd__run"
                ;;
            rpod__subcmd__help,artifact)
                cmd="rpod__subcmd__help__subcmd__artifact"
                ;;
            rpod__subcmd__help,attach)
                cmd="rpod__subcmd__help__subcmd__attach"
                ;;
            rpod__subcmd__help,build)
                cmd="rpod__subcmd__help__subcmd__build"
                ;;
            rpod__subcmd__help,buildx)
                cmd="rpod__subcmd__help__subcmd__buildx"
                ;;
            rpod__subcmd__help,commit)
                cmd="rpod__subcmd__help__subcmd__commit"
                ;;
            rpod__subcmd__help,completion)
                cmd="rpod__subcmd__help__subcmd__completion"
                ;;
            rpod__subcmd__help,compose)
                cmd="rpod__subcmd__help__subcmd__compose"
                ;;
            rpod__subcmd__help,container)
                cmd="rpod__subcmd__help__subcmd__container"
                ;;
            rpod__subcmd__help,cp)
                cmd="rpod__subcmd__help__subcmd__cp"
                ;;
            rpod__subcmd__help,create)
                cmd="rpod__subcmd__help__subcmd__create"
                ;;
            rpod__subcmd__help,diff)
                cmd="rpod__subcmd__help__subcmd__diff"
                ;;
            rpod__subcmd__help,events)
                cmd="rpod__subcmd__help__subcmd__events"
                ;;
            rpod__subcmd__help,exec)
                cmd="rpod__subcmd__help__subcmd__exec"
                ;;
            rpod__subcmd__help,export)
                cmd="rpod__subcmd__help__subcmd__export"
                ;;
            rpod__subcmd__help,generate)
                cmd="rpod__subcmd__help__subcmd__generate"
                ;;
            rpod__subcmd__help,healthcheck)
                cmd="rpod__subcmd__help__subcmd__healthcheck"
                ;;
            rpod__subcmd__help,help)
                cmd="rpod__subcmd__help__subcmd__help"
                ;;
            rpod__subcmd__help,history)
                cmd="rpod__subcmd__help__subcmd__history"
                ;;
            rpod__subcmd__help,image)
                cmd="rpod__subcmd__help__subcmd__image"
                ;;
            rpod__subcmd__help,images)
                cmd="rpod__subcmd__help__subcmd__images"
                ;;
            rpod__subcmd__help,import)
                cmd="rpod__subcmd__help__subcmd__import"
                ;;
            rpod__subcmd__help,info)
                cmd="rpod__subcmd__help__subcmd__info"
                ;;
            rpod__subcmd__help,inspect)
                cmd="rpod__subcmd__help__subcmd__inspect"
                ;;
            rpod__subcmd__help,internal)
                cmd="rpod__subcmd__help__subcmd__internal"
                ;;
            rpod__subcmd__help,kill)
                cmd="rpod__subcmd__help__subcmd__kill"
                ;;
            rpod__subcmd__help,kube)
                cmd="rpod__subcmd__help__subcmd__kube"
                ;;
            rpod__subcmd__help,load)
                cmd="rpod__subcmd__help__subcmd__load"
                ;;
            rpod__subcmd__help,login)
                cmd="rpod__subcmd__help__subcmd__login"
                ;;
            rpod__subcmd__help,logout)
                cmd="rpod__subcmd__help__subcmd__logout"
                ;;
            rpod__subcmd__help,logs)
                cmd="rpod__subcmd__help__subcmd__logs"
                ;;
            rpod__subcmd__help,mount)
                cmd="rpod__subcmd__help__subcmd__mount"
                ;;
            rpod__subcmd__help,network)
                cmd="rpod__subcmd__help__subcmd__network"
                ;;
            rpod__subcmd__help,pause)
                cmd="rpod__subcmd__help__subcmd__pause"
                ;;
            rpod__subcmd__help,play)
                cmd="rpod__subcmd__help__subcmd__play"
                ;;
            rpod__subcmd__help,pod)
                cmd="rpod__subcmd__help__subcmd__pod"
                ;;
            rpod__subcmd__help,port)
                cmd="rpod__subcmd__help__subcmd__port"
                ;;
            rpod__subcmd__help,ps)
                cmd="rpod__subcmd__help__subcmd__ps"
                ;;
            rpod__subcmd__help,pull)
                cmd="rpod__subcmd__help__subcmd__pull"
                ;;
            rpod__subcmd__help,push)
                cmd="rpod__subcmd__help__subcmd__push"
                ;;
            rpod__subcmd__help,quadlet)
                cmd="rpod__subcmd__help__subcmd__quadlet"
                ;;
            rpod__subcmd__help,rename)
                cmd="rpod__subcmd__help__subcmd__rename"
                ;;
            rpod__subcmd__help,restart)
                cmd="rpod__subcmd__help__subcmd__restart"
                ;;
            rpod__subcmd__help,rm)
                cmd="rpod__subcmd__help__subcmd__rm"
                ;;
            rpod__subcmd__help,rmi)
                cmd="rpod__subcmd__help__subcmd__rmi"
                ;;
            rpod__subcmd__help,run)
                cmd="rpod__subcmd__help__subcmd__run"
                ;;
            rpod__subcmd__help,save)
                cmd="rpod__subcmd__help__subcmd__save"
                ;;
            rpod__subcmd__help,secret)
                cmd="rpod__subcmd__help__subcmd__secret"
                ;;
            rpod__subcmd__help,start)
                cmd="rpod__subcmd__help__subcmd__start"
                ;;
            rpod__subcmd__help,stats)
                cmd="rpod__subcmd__help__subcmd__stats"
                ;;
            rpod__subcmd__help,stop)
                cmd="rpod__subcmd__help__subcmd__stop"
                ;;
            rpod__subcmd__help,system)
                cmd="rpod__subcmd__help__subcmd__system"
                ;;
            rpod__subcmd__help,tag)
                cmd="rpod__subcmd__help__subcmd__tag"
                ;;
            rpod__subcmd__help,top)
                cmd="rpod__subcmd__help__subcmd__top"
                ;;
            rpod__subcmd__help,umount)
                cmd="rpod__subcmd__help__subcmd__umount"
                ;;
            rpod__subcmd__help,unpause)
                cmd="rpod__subcmd__help__subcmd__unpause"
                ;;
            rpod__subcmd__help,unshare)
                cmd="rpod__subcmd__help__subcmd__unshare"
                ;;
            rpod__subcmd__help,untag)
                cmd="rpod__subcmd__help__subcmd__untag"
                ;;
            rpod__subcmd__help,update)
                cmd="rpod__subcmd__help__subcmd__update"
                ;;
            rpod__subcmd__help,version)
                cmd="rpod__subcmd__help__subcmd__version"
                ;;
            rpod__subcmd__help,volume)
                cmd="rpod__subcmd__help__subcmd__volume"
                ;;
            rpod__subcmd__help,wait)
                cmd="rpod__subcmd__help__subcmd__wait"
                ;;
            rpod__subcmd__help__subcmd__artifact,add)
                cmd="rpod__subcmd__help__subcmd__artifact__subcmd__add"
                ;;
            rpod__subcmd__help__subcmd__artifact,extract)
                cmd="rpod__subcmd__help__subcmd__artifact__subcmd__extract"
                ;;
            rpod__subcmd__help__subcmd__artifact,inspect)
                cmd="rpod__subcmd__help__subcmd__artifact__subcmd__inspect"
                ;;
            rpod__subcmd__help__subcmd__artifact,ls)
                cmd="rpod__subcmd__help__subcmd__artifact__subcmd__ls"
                ;;
            rpod__subcmd__help__subcmd__artifact,pull)
                cmd="rpod__subcmd__help__subcmd__artifact__subcmd__pull"
                ;;
            rpod__subcmd__help__subcmd__artifact,push)
                cmd="rpod__subcmd__help__subcmd__artifact__subcmd__push"
                ;;
            rpod__subcmd__help__subcmd__artifact,rm)
                cmd="rpod__subcmd__help__subcmd__artifact__subcmd__rm"
                ;;
            rpod__subcmd__help__subcmd__buildx,build)
                cmd="rpod__subcmd__help__subcmd__buildx__subcmd__build"
                ;;
            rpod__subcmd__help__subcmd__buildx,version)
                cmd="rpod__subcmd__help__subcmd__buildx__subcmd__version"
                ;;
            rpod__subcmd__help__subcmd__compose,build)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__build"
                ;;
            rpod__subcmd__help__subcmd__compose,config)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__config"
                ;;
            rpod__subcmd__help__subcmd__compose,create)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__create"
                ;;
            rpod__subcmd__help__subcmd__compose,down)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__down"
                ;;
            rpod__subcmd__help__subcmd__compose,exec)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__exec"
                ;;
            rpod__subcmd__help__subcmd__compose,images)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__images"
                ;;
            rpod__subcmd__help__subcmd__compose,kill)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__kill"
                ;;
            rpod__subcmd__help__subcmd__compose,logs)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__logs"
                ;;
            rpod__subcmd__help__subcmd__compose,ls)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__ls"
                ;;
            rpod__subcmd__help__subcmd__compose,pause)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__pause"
                ;;
            rpod__subcmd__help__subcmd__compose,port)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__port"
                ;;
            rpod__subcmd__help__subcmd__compose,ps)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__ps"
                ;;
            rpod__subcmd__help__subcmd__compose,pull)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__pull"
                ;;
            rpod__subcmd__help__subcmd__compose,push)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__push"
                ;;
            rpod__subcmd__help__subcmd__compose,restart)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__restart"
                ;;
            rpod__subcmd__help__subcmd__compose,rm)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__rm"
                ;;
            rpod__subcmd__help__subcmd__compose,run)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__run"
                ;;
            rpod__subcmd__help__subcmd__compose,start)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__start"
                ;;
            rpod__subcmd__help__subcmd__compose,stop)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__stop"
                ;;
            rpod__subcmd__help__subcmd__compose,top)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__top"
                ;;
            rpod__subcmd__help__subcmd__compose,unpause)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__unpause"
                ;;
            rpod__subcmd__help__subcmd__compose,up)
                cmd="rpod__subcmd__help__subcmd__compose__subcmd__up"
                ;;
            rpod__subcmd__help__subcmd__container,attach)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__attach"
                ;;
            rpod__subcmd__help__subcmd__container,cleanup)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__cleanup"
                ;;
            rpod__subcmd__help__subcmd__container,commit)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__commit"
                ;;
            rpod__subcmd__help__subcmd__container,cp)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__cp"
                ;;
            rpod__subcmd__help__subcmd__container,create)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__create"
                ;;
            rpod__subcmd__help__subcmd__container,diff)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__diff"
                ;;
            rpod__subcmd__help__subcmd__container,exec)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__exec"
                ;;
            rpod__subcmd__help__subcmd__container,exists)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__exists"
                ;;
            rpod__subcmd__help__subcmd__container,export)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__export"
                ;;
            rpod__subcmd__help__subcmd__container,inspect)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__inspect"
                ;;
            rpod__subcmd__help__subcmd__container,kill)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__kill"
                ;;
            rpod__subcmd__help__subcmd__container,list)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__list"
                ;;
            rpod__subcmd__help__subcmd__container,logs)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__logs"
                ;;
            rpod__subcmd__help__subcmd__container,mount)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__mount"
                ;;
            rpod__subcmd__help__subcmd__container,pause)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__pause"
                ;;
            rpod__subcmd__help__subcmd__container,port)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__port"
                ;;
            rpod__subcmd__help__subcmd__container,prune)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__prune"
                ;;
            rpod__subcmd__help__subcmd__container,rename)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__rename"
                ;;
            rpod__subcmd__help__subcmd__container,restart)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__restart"
                ;;
            rpod__subcmd__help__subcmd__container,rm)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__rm"
                ;;
            rpod__subcmd__help__subcmd__container,run)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__run"
                ;;
            rpod__subcmd__help__subcmd__container,start)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__start"
                ;;
            rpod__subcmd__help__subcmd__container,stats)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__stats"
                ;;
            rpod__subcmd__help__subcmd__container,stop)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__stop"
                ;;
            rpod__subcmd__help__subcmd__container,top)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__top"
                ;;
            rpod__subcmd__help__subcmd__container,umount)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__umount"
                ;;
            rpod__subcmd__help__subcmd__container,unpause)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__unpause"
                ;;
            rpod__subcmd__help__subcmd__container,update)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__update"
                ;;
            rpod__subcmd__help__subcmd__container,wait)
                cmd="rpod__subcmd__help__subcmd__container__subcmd__wait"
                ;;
            rpod__subcmd__help__subcmd__generate,kube)
                cmd="rpod__subcmd__help__subcmd__generate__subcmd__kube"
                ;;
            rpod__subcmd__help__subcmd__generate,systemd)
                cmd="rpod__subcmd__help__subcmd__generate__subcmd__systemd"
                ;;
            rpod__subcmd__help__subcmd__healthcheck,run)
                cmd="rpod__subcmd__help__subcmd__healthcheck__subcmd__run"
                ;;
            rpod__subcmd__help__subcmd__image,build)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__build"
                ;;
            rpod__subcmd__help__subcmd__image,diff)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__diff"
                ;;
            rpod__subcmd__help__subcmd__image,exists)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__exists"
                ;;
            rpod__subcmd__help__subcmd__image,history)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__history"
                ;;
            rpod__subcmd__help__subcmd__image,import)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__import"
                ;;
            rpod__subcmd__help__subcmd__image,inspect)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__inspect"
                ;;
            rpod__subcmd__help__subcmd__image,load)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__load"
                ;;
            rpod__subcmd__help__subcmd__image,ls)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__ls"
                ;;
            rpod__subcmd__help__subcmd__image,mount)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__mount"
                ;;
            rpod__subcmd__help__subcmd__image,prune)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__prune"
                ;;
            rpod__subcmd__help__subcmd__image,pull)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__pull"
                ;;
            rpod__subcmd__help__subcmd__image,push)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__push"
                ;;
            rpod__subcmd__help__subcmd__image,rm)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__rm"
                ;;
            rpod__subcmd__help__subcmd__image,save)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__save"
                ;;
            rpod__subcmd__help__subcmd__image,sign)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__sign"
                ;;
            rpod__subcmd__help__subcmd__image,tag)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__tag"
                ;;
            rpod__subcmd__help__subcmd__image,umount)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__umount"
                ;;
            rpod__subcmd__help__subcmd__image,untag)
                cmd="rpod__subcmd__help__subcmd__image__subcmd__untag"
                ;;
            rpod__subcmd__help__subcmd__internal,exec)
                cmd="rpod__subcmd__help__subcmd__internal__subcmd__exec"
                ;;
            rpod__subcmd__help__subcmd__internal,gen-docs)
                cmd="rpod__subcmd__help__subcmd__internal__subcmd__gen__subcmd__docs"
                ;;
            rpod__subcmd__help__subcmd__internal,monitor)
                cmd="rpod__subcmd__help__subcmd__internal__subcmd__monitor"
                ;;
            rpod__subcmd__help__subcmd__internal,network-holder)
                cmd="rpod__subcmd__help__subcmd__internal__subcmd__network__subcmd__holder"
                ;;
            rpod__subcmd__help__subcmd__internal,network-lease)
                cmd="rpod__subcmd__help__subcmd__internal__subcmd__network__subcmd__lease"
                ;;
            rpod__subcmd__help__subcmd__internal,pod-holder)
                cmd="rpod__subcmd__help__subcmd__internal__subcmd__pod__subcmd__holder"
                ;;
            rpod__subcmd__help__subcmd__kube,down)
                cmd="rpod__subcmd__help__subcmd__kube__subcmd__down"
                ;;
            rpod__subcmd__help__subcmd__kube,generate)
                cmd="rpod__subcmd__help__subcmd__kube__subcmd__generate"
                ;;
            rpod__subcmd__help__subcmd__kube,play)
                cmd="rpod__subcmd__help__subcmd__kube__subcmd__play"
                ;;
            rpod__subcmd__help__subcmd__network,connect)
                cmd="rpod__subcmd__help__subcmd__network__subcmd__connect"
                ;;
            rpod__subcmd__help__subcmd__network,create)
                cmd="rpod__subcmd__help__subcmd__network__subcmd__create"
                ;;
            rpod__subcmd__help__subcmd__network,disconnect)
                cmd="rpod__subcmd__help__subcmd__network__subcmd__disconnect"
                ;;
            rpod__subcmd__help__subcmd__network,exists)
                cmd="rpod__subcmd__help__subcmd__network__subcmd__exists"
                ;;
            rpod__subcmd__help__subcmd__network,inspect)
                cmd="rpod__subcmd__help__subcmd__network__subcmd__inspect"
                ;;
            rpod__subcmd__help__subcmd__network,ls)
                cmd="rpod__subcmd__help__subcmd__network__subcmd__ls"
                ;;
            rpod__subcmd__help__subcmd__network,prune)
                cmd="rpod__subcmd__help__subcmd__network__subcmd__prune"
                ;;
            rpod__subcmd__help__subcmd__network,reload)
                cmd="rpod__subcmd__help__subcmd__network__subcmd__reload"
                ;;
            rpod__subcmd__help__subcmd__network,rm)
                cmd="rpod__subcmd__help__subcmd__network__subcmd__rm"
                ;;
            rpod__subcmd__help__subcmd__play,kube)
                cmd="rpod__subcmd__help__subcmd__play__subcmd__kube"
                ;;
            rpod__subcmd__help__subcmd__pod,create)
                cmd="rpod__subcmd__help__subcmd__pod__subcmd__create"
                ;;
            rpod__subcmd__help__subcmd__pod,exists)
                cmd="rpod__subcmd__help__subcmd__pod__subcmd__exists"
                ;;
            rpod__subcmd__help__subcmd__pod,inspect)
                cmd="rpod__subcmd__help__subcmd__pod__subcmd__inspect"
                ;;
            rpod__subcmd__help__subcmd__pod,kill)
                cmd="rpod__subcmd__help__subcmd__pod__subcmd__kill"
                ;;
            rpod__subcmd__help__subcmd__pod,logs)
                cmd="rpod__subcmd__help__subcmd__pod__subcmd__logs"
                ;;
            rpod__subcmd__help__subcmd__pod,pause)
                cmd="rpod__subcmd__help__subcmd__pod__subcmd__pause"
                ;;
            rpod__subcmd__help__subcmd__pod,prune)
                cmd="rpod__subcmd__help__subcmd__pod__subcmd__prune"
                ;;
            rpod__subcmd__help__subcmd__pod,ps)
                cmd="rpod__subcmd__help__subcmd__pod__subcmd__ps"
                ;;
            rpod__subcmd__help__subcmd__pod,restart)
                cmd="rpod__subcmd__help__subcmd__pod__subcmd__restart"
                ;;
            rpod__subcmd__help__subcmd__pod,rm)
                cmd="rpod__subcmd__help__subcmd__pod__subcmd__rm"
                ;;
            rpod__subcmd__help__subcmd__pod,start)
                cmd="rpod__subcmd__help__subcmd__pod__subcmd__start"
                ;;
            rpod__subcmd__help__subcmd__pod,stats)
                cmd="rpod__subcmd__help__subcmd__pod__subcmd__stats"
                ;;
            rpod__subcmd__help__subcmd__pod,stop)
                cmd="rpod__subcmd__help__subcmd__pod__subcmd__stop"
                ;;
            rpod__subcmd__help__subcmd__pod,top)
                cmd="rpod__subcmd__help__subcmd__pod__subcmd__top"
                ;;
            rpod__subcmd__help__subcmd__pod,unpause)
                cmd="rpod__subcmd__help__subcmd__pod__subcmd__unpause"
                ;;
            rpod__subcmd__help__subcmd__secret,create)
                cmd="rpod__subcmd__help__subcmd__secret__subcmd__create"
                ;;
            rpod__subcmd__help__subcmd__secret,exists)
                cmd="rpod__subcmd__help__subcmd__secret__subcmd__exists"
                ;;
            rpod__subcmd__help__subcmd__secret,inspect)
                cmd="rpod__subcmd__help__subcmd__secret__subcmd__inspect"
                ;;
            rpod__subcmd__help__subcmd__secret,ls)
                cmd="rpod__subcmd__help__subcmd__secret__subcmd__ls"
                ;;
            rpod__subcmd__help__subcmd__secret,rm)
                cmd="rpod__subcmd__help__subcmd__secret__subcmd__rm"
                ;;
            rpod__subcmd__help__subcmd__system,df)
                cmd="rpod__subcmd__help__subcmd__system__subcmd__df"
                ;;
            rpod__subcmd__help__subcmd__system,events)
                cmd="rpod__subcmd__help__subcmd__system__subcmd__events"
                ;;
            rpod__subcmd__help__subcmd__system,info)
                cmd="rpod__subcmd__help__subcmd__system__subcmd__info"
                ;;
            rpod__subcmd__help__subcmd__system,prune)
                cmd="rpod__subcmd__help__subcmd__system__subcmd__prune"
                ;;
            rpod__subcmd__help__subcmd__system,reset)
                cmd="rpod__subcmd__help__subcmd__system__subcmd__reset"
                ;;
            rpod__subcmd__help__subcmd__volume,create)
                cmd="rpod__subcmd__help__subcmd__volume__subcmd__create"
                ;;
            rpod__subcmd__help__subcmd__volume,exists)
                cmd="rpod__subcmd__help__subcmd__volume__subcmd__exists"
                ;;
            rpod__subcmd__help__subcmd__volume,export)
                cmd="rpod__subcmd__help__subcmd__volume__subcmd__export"
                ;;
            rpod__subcmd__help__subcmd__volume,import)
                cmd="rpod__subcmd__help__subcmd__volume__subcmd__import"
                ;;
            rpod__subcmd__help__subcmd__volume,inspect)
                cmd="rpod__subcmd__help__subcmd__volume__subcmd__inspect"
                ;;
            rpod__subcmd__help__subcmd__volume,ls)
                cmd="rpod__subcmd__help__subcmd__volume__subcmd__ls"
                ;;
            rpod__subcmd__help__subcmd__volume,mount)
                cmd="rpod__subcmd__help__subcmd__volume__subcmd__mount"
                ;;
            rpod__subcmd__help__subcmd__volume,prune)
                cmd="rpod__subcmd__help__subcmd__volume__subcmd__prune"
                ;;
            rpod__subcmd__help__subcmd__volume,rm)
                cmd="rpod__subcmd__help__subcmd__volume__subcmd__rm"
                ;;
            rpod__subcmd__help__subcmd__volume,unmount)
                cmd="rpod__subcmd__help__subcmd__volume__subcmd__unmount"
                ;;
            rpod__subcmd__image,build)
                cmd="rpod__subcmd__image__subcmd__build"
                ;;
            rpod__subcmd__image,diff)
                cmd="rpod__subcmd__image__subcmd__diff"
                ;;
            rpod__subcmd__image,exists)
                cmd="rpod__subcmd__image__subcmd__exists"
                ;;
            rpod__subcmd__image,help)
                cmd="rpod__subcmd__image__subcmd__help"
                ;;
            rpod__subcmd__image,history)
                cmd="rpod__subcmd__image__subcmd__history"
                ;;
            rpod__subcmd__image,import)
                cmd="rpod__subcmd__image__subcmd__import"
                ;;
            rpod__subcmd__image,inspect)
                cmd="rpod__subcmd__image__subcmd__inspect"
                ;;
            rpod__subcmd__image,list)
                cmd="rpod__subcmd__image__subcmd__ls"
                ;;
            rpod__subcmd__image,load)
                cmd="rpod__subcmd__image__subcmd__load"
                ;;
            rpod__subcmd__image,ls)
                cmd="rpod__subcmd__image__subcmd__ls"
                ;;
            rpod__subcmd__image,mount)
                cmd="rpod__subcmd__image__subcmd__mount"
                ;;
            rpod__subcmd__image,prune)
                cmd="rpod__subcmd__image__subcmd__prune"
                ;;
            rpod__subcmd__image,pull)
                cmd="rpod__subcmd__image__subcmd__pull"
                ;;
            rpod__subcmd__image,push)
                cmd="rpod__subcmd__image__subcmd__push"
                ;;
            rpod__subcmd__image,rm)
                cmd="rpod__subcmd__image__subcmd__rm"
                ;;
            rpod__subcmd__image,save)
                cmd="rpod__subcmd__image__subcmd__save"
                ;;
            rpod__subcmd__image,sign)
                cmd="rpod__subcmd__image__subcmd__sign"
                ;;
            rpod__subcmd__image,tag)
                cmd="rpod__subcmd__image__subcmd__tag"
                ;;
            rpod__subcmd__image,umount)
                cmd="rpod__subcmd__image__subcmd__umount"
                ;;
            rpod__subcmd__image,unmount)
                cmd="rpod__subcmd__image__subcmd__umount"
                ;;
            rpod__subcmd__image,untag)
                cmd="rpod__subcmd__image__subcmd__untag"
                ;;
            rpod__subcmd__image__subcmd__help,build)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__build"
                ;;
            rpod__subcmd__image__subcmd__help,diff)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__diff"
                ;;
            rpod__subcmd__image__subcmd__help,exists)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__exists"
                ;;
            rpod__subcmd__image__subcmd__help,help)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__help"
                ;;
            rpod__subcmd__image__subcmd__help,history)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__history"
                ;;
            rpod__subcmd__image__subcmd__help,import)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__import"
                ;;
            rpod__subcmd__image__subcmd__help,inspect)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__inspect"
                ;;
            rpod__subcmd__image__subcmd__help,load)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__load"
                ;;
            rpod__subcmd__image__subcmd__help,ls)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__ls"
                ;;
            rpod__subcmd__image__subcmd__help,mount)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__mount"
                ;;
            rpod__subcmd__image__subcmd__help,prune)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__prune"
                ;;
            rpod__subcmd__image__subcmd__help,pull)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__pull"
                ;;
            rpod__subcmd__image__subcmd__help,push)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__push"
                ;;
            rpod__subcmd__image__subcmd__help,rm)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__rm"
                ;;
            rpod__subcmd__image__subcmd__help,save)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__save"
                ;;
            rpod__subcmd__image__subcmd__help,sign)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__sign"
                ;;
            rpod__subcmd__image__subcmd__help,tag)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__tag"
                ;;
            rpod__subcmd__image__subcmd__help,umount)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__umount"
                ;;
            rpod__subcmd__image__subcmd__help,untag)
                cmd="rpod__subcmd__image__subcmd__help__subcmd__untag"
                ;;
            rpod__subcmd__internal,exec)
                cmd="rpod__subcmd__internal__subcmd__exec"
                ;;
            rpod__subcmd__internal,gen-docs)
                cmd="rpod__subcmd__internal__subcmd__gen__subcmd__docs"
                ;;
            rpod__subcmd__internal,help)
                cmd="rpod__subcmd__internal__subcmd__help"
                ;;
            rpod__subcmd__internal,monitor)
                cmd="rpod__subcmd__internal__subcmd__monitor"
                ;;
            rpod__subcmd__internal,network-holder)
                cmd="rpod__subcmd__internal__subcmd__network__subcmd__holder"
                ;;
            rpod__subcmd__internal,network-lease)
                cmd="rpod__subcmd__internal__subcmd__network__subcmd__lease"
                ;;
            rpod__subcmd__internal,pod-holder)
                cmd="rpod__subcmd__internal__subcmd__pod__subcmd__holder"
                ;;
            rpod__subcmd__internal__subcmd__help,exec)
                cmd="rpod__subcmd__internal__subcmd__help__subcmd__exec"
                ;;
            rpod__subcmd__internal__subcmd__help,gen-docs)
                cmd="rpod__subcmd__internal__subcmd__help__subcmd__gen__subcmd__docs"
                ;;
            rpod__subcmd__internal__subcmd__help,help)
                cmd="rpod__subcmd__internal__subcmd__help__subcmd__help"
                ;;
            rpod__subcmd__internal__subcmd__help,monitor)
                cmd="rpod__subcmd__internal__subcmd__help__subcmd__monitor"
                ;;
            rpod__subcmd__internal__subcmd__help,network-holder)
                cmd="rpod__subcmd__internal__subcmd__help__subcmd__network__subcmd__holder"
                ;;
            rpod__subcmd__internal__subcmd__help,network-lease)
                cmd="rpod__subcmd__internal__subcmd__help__subcmd__network__subcmd__lease"
                ;;
            rpod__subcmd__internal__subcmd__help,pod-holder)
                cmd="rpod__subcmd__internal__subcmd__help__subcmd__pod__subcmd__holder"
                ;;
            rpod__subcmd__kube,down)
                cmd="rpod__subcmd__kube__subcmd__down"
                ;;
            rpod__subcmd__kube,generate)
                cmd="rpod__subcmd__kube__subcmd__generate"
                ;;
            rpod__subcmd__kube,help)
                cmd="rpod__subcmd__kube__subcmd__help"
                ;;
            rpod__subcmd__kube,play)
                cmd="rpod__subcmd__kube__subcmd__play"
                ;;
            rpod__subcmd__kube__subcmd__help,down)
                cmd="rpod__subcmd__kube__subcmd__help__subcmd__down"
                ;;
            rpod__subcmd__kube__subcmd__help,generate)
                cmd="rpod__subcmd__kube__subcmd__help__subcmd__generate"
                ;;
            rpod__subcmd__kube__subcmd__help,help)
                cmd="rpod__subcmd__kube__subcmd__help__subcmd__help"
                ;;
            rpod__subcmd__kube__subcmd__help,play)
                cmd="rpod__subcmd__kube__subcmd__help__subcmd__play"
                ;;
            rpod__subcmd__network,connect)
                cmd="rpod__subcmd__network__subcmd__connect"
                ;;
            rpod__subcmd__network,create)
                cmd="rpod__subcmd__network__subcmd__create"
                ;;
            rpod__subcmd__network,disconnect)
                cmd="rpod__subcmd__network__subcmd__disconnect"
                ;;
            rpod__subcmd__network,exists)
                cmd="rpod__subcmd__network__subcmd__exists"
                ;;
            rpod__subcmd__network,help)
                cmd="rpod__subcmd__network__subcmd__help"
                ;;
            rpod__subcmd__network,inspect)
                cmd="rpod__subcmd__network__subcmd__inspect"
                ;;
            rpod__subcmd__network,list)
                cmd="rpod__subcmd__network__subcmd__ls"
                ;;
            rpod__subcmd__network,ls)
                cmd="rpod__subcmd__network__subcmd__ls"
                ;;
            rpod__subcmd__network,prune)
                cmd="rpod__subcmd__network__subcmd__prune"
                ;;
            rpod__subcmd__network,reload)
                cmd="rpod__subcmd__network__subcmd__reload"
                ;;
            rpod__subcmd__network,remove)
                cmd="rpod__subcmd__network__subcmd__rm"
                ;;
            rpod__subcmd__network,rm)
                cmd="rpod__subcmd__network__subcmd__rm"
                ;;
            rpod__subcmd__network__subcmd__help,connect)
                cmd="rpod__subcmd__network__subcmd__help__subcmd__connect"
                ;;
            rpod__subcmd__network__subcmd__help,create)
                cmd="rpod__subcmd__network__subcmd__help__subcmd__create"
                ;;
            rpod__subcmd__network__subcmd__help,disconnect)
                cmd="rpod__subcmd__network__subcmd__help__subcmd__disconnect"
                ;;
            rpod__subcmd__network__subcmd__help,exists)
                cmd="rpod__subcmd__network__subcmd__help__subcmd__exists"
                ;;
            rpod__subcmd__network__subcmd__help,help)
                cmd="rpod__subcmd__network__subcmd__help__subcmd__help"
                ;;
            rpod__subcmd__network__subcmd__help,inspect)
                cmd="rpod__subcmd__network__subcmd__help__subcmd__inspect"
                ;;
            rpod__subcmd__network__subcmd__help,ls)
                cmd="rpod__subcmd__network__subcmd__help__subcmd__ls"
                ;;
            rpod__subcmd__network__subcmd__help,prune)
                cmd="rpod__subcmd__network__subcmd__help__subcmd__prune"
                ;;
            rpod__subcmd__network__subcmd__help,reload)
                cmd="rpod__subcmd__network__subcmd__help__subcmd__reload"
                ;;
            rpod__subcmd__network__subcmd__help,rm)
                cmd="rpod__subcmd__network__subcmd__help__subcmd__rm"
                ;;
            rpod__subcmd__play,help)
                cmd="rpod__subcmd__play__subcmd__help"
                ;;
            rpod__subcmd__play,kube)
                cmd="rpod__subcmd__play__subcmd__kube"
                ;;
            rpod__subcmd__play__subcmd__help,help)
                cmd="rpod__subcmd__play__subcmd__help__subcmd__help"
                ;;
            rpod__subcmd__play__subcmd__help,kube)
                cmd="rpod__subcmd__play__subcmd__help__subcmd__kube"
                ;;
            rpod__subcmd__pod,create)
                cmd="rpod__subcmd__pod__subcmd__create"
                ;;
            rpod__subcmd__pod,exists)
                cmd="rpod__subcmd__pod__subcmd__exists"
                ;;
            rpod__subcmd__pod,help)
                cmd="rpod__subcmd__pod__subcmd__help"
                ;;
            rpod__subcmd__pod,inspect)
                cmd="rpod__subcmd__pod__subcmd__inspect"
                ;;
            rpod__subcmd__pod,kill)
                cmd="rpod__subcmd__pod__subcmd__kill"
                ;;
            rpod__subcmd__pod,list)
                cmd="rpod__subcmd__pod__subcmd__ps"
                ;;
            rpod__subcmd__pod,logs)
                cmd="rpod__subcmd__pod__subcmd__logs"
                ;;
            rpod__subcmd__pod,ls)
                cmd="rpod__subcmd__pod__subcmd__ps"
                ;;
            rpod__subcmd__pod,pause)
                cmd="rpod__subcmd__pod__subcmd__pause"
                ;;
            rpod__subcmd__pod,prune)
                cmd="rpod__subcmd__pod__subcmd__prune"
                ;;
            rpod__subcmd__pod,ps)
                cmd="rpod__subcmd__pod__subcmd__ps"
                ;;
            rpod__subcmd__pod,restart)
                cmd="rpod__subcmd__pod__subcmd__restart"
                ;;
            rpod__subcmd__pod,rm)
                cmd="rpod__subcmd__pod__subcmd__rm"
                ;;
            rpod__subcmd__pod,start)
                cmd="rpod__subcmd__pod__subcmd__start"
                ;;
            rpod__subcmd__pod,stats)
                cmd="rpod__subcmd__pod__subcmd__stats"
                ;;
            rpod__subcmd__pod,stop)
                cmd="rpod__subcmd__pod__subcmd__stop"
                ;;
            rpod__subcmd__pod,top)
                cmd="rpod__subcmd__pod__subcmd__top"
                ;;
            rpod__subcmd__pod,unpause)
                cmd="rpod__subcmd__pod__subcmd__unpause"
                ;;
            rpod__subcmd__pod__subcmd__help,create)
                cmd="rpod__subcmd__pod__subcmd__help__subcmd__create"
                ;;
            rpod__subcmd__pod__subcmd__help,exists)
                cmd="rpod__subcmd__pod__subcmd__help__subcmd__exists"
                ;;
            rpod__subcmd__pod__subcmd__help,help)
                cmd="rpod__subcmd__pod__subcmd__help__subcmd__help"
                ;;
            rpod__subcmd__pod__subcmd__help,inspect)
                cmd="rpod__subcmd__pod__subcmd__help__subcmd__inspect"
                ;;
            rpod__subcmd__pod__subcmd__help,kill)
                cmd="rpod__subcmd__pod__subcmd__help__subcmd__kill"
                ;;
            rpod__subcmd__pod__subcmd__help,logs)
                cmd="rpod__subcmd__pod__subcmd__help__subcmd__logs"
                ;;
            rpod__subcmd__pod__subcmd__help,pause)
                cmd="rpod__subcmd__pod__subcmd__help__subcmd__pause"
                ;;
            rpod__subcmd__pod__subcmd__help,prune)
                cmd="rpod__subcmd__pod__subcmd__help__subcmd__prune"
                ;;
            rpod__subcmd__pod__subcmd__help,ps)
                cmd="rpod__subcmd__pod__subcmd__help__subcmd__ps"
                ;;
            rpod__subcmd__pod__subcmd__help,restart)
                cmd="rpod__subcmd__pod__subcmd__help__subcmd__restart"
                ;;
            rpod__subcmd__pod__subcmd__help,rm)
                cmd="rpod__subcmd__pod__subcmd__help__subcmd__rm"
                ;;
            rpod__subcmd__pod__subcmd__help,start)
                cmd="rpod__subcmd__pod__subcmd__help__subcmd__start"
                ;;
            rpod__subcmd__pod__subcmd__help,stats)
                cmd="rpod__subcmd__pod__subcmd__help__subcmd__stats"
                ;;
            rpod__subcmd__pod__subcmd__help,stop)
                cmd="rpod__subcmd__pod__subcmd__help__subcmd__stop"
                ;;
            rpod__subcmd__pod__subcmd__help,top)
                cmd="rpod__subcmd__pod__subcmd__help__subcmd__top"
                ;;
            rpod__subcmd__pod__subcmd__help,unpause)
                cmd="rpod__subcmd__pod__subcmd__help__subcmd__unpause"
                ;;
            rpod__subcmd__secret,create)
                cmd="rpod__subcmd__secret__subcmd__create"
                ;;
            rpod__subcmd__secret,exists)
                cmd="rpod__subcmd__secret__subcmd__exists"
                ;;
            rpod__subcmd__secret,help)
                cmd="rpod__subcmd__secret__subcmd__help"
                ;;
            rpod__subcmd__secret,inspect)
                cmd="rpod__subcmd__secret__subcmd__inspect"
                ;;
            rpod__subcmd__secret,list)
                cmd="rpod__subcmd__secret__subcmd__ls"
                ;;
            rpod__subcmd__secret,ls)
                cmd="rpod__subcmd__secret__subcmd__ls"
                ;;
            rpod__subcmd__secret,rm)
                cmd="rpod__subcmd__secret__subcmd__rm"
                ;;
            rpod__subcmd__secret__subcmd__help,create)
                cmd="rpod__subcmd__secret__subcmd__help__subcmd__create"
                ;;
            rpod__subcmd__secret__subcmd__help,exists)
                cmd="rpod__subcmd__secret__subcmd__help__subcmd__exists"
                ;;
            rpod__subcmd__secret__subcmd__help,help)
                cmd="rpod__subcmd__secret__subcmd__help__subcmd__help"
                ;;
            rpod__subcmd__secret__subcmd__help,inspect)
                cmd="rpod__subcmd__secret__subcmd__help__subcmd__inspect"
                ;;
            rpod__subcmd__secret__subcmd__help,ls)
                cmd="rpod__subcmd__secret__subcmd__help__subcmd__ls"
                ;;
            rpod__subcmd__secret__subcmd__help,rm)
                cmd="rpod__subcmd__secret__subcmd__help__subcmd__rm"
                ;;
            rpod__subcmd__system,df)
                cmd="rpod__subcmd__system__subcmd__df"
                ;;
            rpod__subcmd__system,events)
                cmd="rpod__subcmd__system__subcmd__events"
                ;;
            rpod__subcmd__system,help)
                cmd="rpod__subcmd__system__subcmd__help"
                ;;
            rpod__subcmd__system,info)
                cmd="rpod__subcmd__system__subcmd__info"
                ;;
            rpod__subcmd__system,prune)
                cmd="rpod__subcmd__system__subcmd__prune"
                ;;
            rpod__subcmd__system,reset)
                cmd="rpod__subcmd__system__subcmd__reset"
                ;;
            rpod__subcmd__system__subcmd__help,df)
                cmd="rpod__subcmd__system__subcmd__help__subcmd__df"
                ;;
            rpod__subcmd__system__subcmd__help,events)
                cmd="rpod__subcmd__system__subcmd__help__subcmd__events"
                ;;
            rpod__subcmd__system__subcmd__help,help)
                cmd="rpod__subcmd__system__subcmd__help__subcmd__help"
                ;;
            rpod__subcmd__system__subcmd__help,info)
                cmd="rpod__subcmd__system__subcmd__help__subcmd__info"
                ;;
            rpod__subcmd__system__subcmd__help,prune)
                cmd="rpod__subcmd__system__subcmd__help__subcmd__prune"
                ;;
            rpod__subcmd__system__subcmd__help,reset)
                cmd="rpod__subcmd__system__subcmd__help__subcmd__reset"
                ;;
            rpod__subcmd__volume,create)
                cmd="rpod__subcmd__volume__subcmd__create"
                ;;
            rpod__subcmd__volume,exists)
                cmd="rpod__subcmd__volume__subcmd__exists"
                ;;
            rpod__subcmd__volume,export)
                cmd="rpod__subcmd__volume__subcmd__export"
                ;;
            rpod__subcmd__volume,help)
                cmd="rpod__subcmd__volume__subcmd__help"
                ;;
            rpod__subcmd__volume,import)
                cmd="rpod__subcmd__volume__subcmd__import"
                ;;
            rpod__subcmd__volume,inspect)
                cmd="rpod__subcmd__volume__subcmd__inspect"
                ;;
            rpod__subcmd__volume,list)
                cmd="rpod__subcmd__volume__subcmd__ls"
                ;;
            rpod__subcmd__volume,ls)
                cmd="rpod__subcmd__volume__subcmd__ls"
                ;;
            rpod__subcmd__volume,mount)
                cmd="rpod__subcmd__volume__subcmd__mount"
                ;;
            rpod__subcmd__volume,prune)
                cmd="rpod__subcmd__volume__subcmd__prune"
                ;;
            rpod__subcmd__volume,remove)
                cmd="rpod__subcmd__volume__subcmd__rm"
                ;;
            rpod__subcmd__volume,rm)
                cmd="rpod__subcmd__volume__subcmd__rm"
                ;;
            rpod__subcmd__volume,umount)
                cmd="rpod__subcmd__volume__subcmd__unmount"
                ;;
            rpod__subcmd__volume,unmount)
                cmd="rpod__subcmd__volume__subcmd__unmount"
                ;;
            rpod__subcmd__volume__subcmd__help,create)
                cmd="rpod__subcmd__volume__subcmd__help__subcmd__create"
                ;;
            rpod__subcmd__volume__subcmd__help,exists)
                cmd="rpod__subcmd__volume__subcmd__help__subcmd__exists"
                ;;
            rpod__subcmd__volume__subcmd__help,export)
                cmd="rpod__subcmd__volume__subcmd__help__subcmd__export"
                ;;
            rpod__subcmd__volume__subcmd__help,help)
                cmd="rpod__subcmd__volume__subcmd__help__subcmd__help"
                ;;
            rpod__subcmd__volume__subcmd__help,import)
                cmd="rpod__subcmd__volume__subcmd__help__subcmd__import"
                ;;
            rpod__subcmd__volume__subcmd__help,inspect)
                cmd="rpod__subcmd__volume__subcmd__help__subcmd__inspect"
                ;;
            rpod__subcmd__volume__subcmd__help,ls)
                cmd="rpod__subcmd__volume__subcmd__help__subcmd__ls"
                ;;
            rpod__subcmd__volume__subcmd__help,mount)
                cmd="rpod__subcmd__volume__subcmd__help__subcmd__mount"
                ;;
            rpod__subcmd__volume__subcmd__help,prune)
                cmd="rpod__subcmd__volume__subcmd__help__subcmd__prune"
                ;;
            rpod__subcmd__volume__subcmd__help,rm)
                cmd="rpod__subcmd__volume__subcmd__help__subcmd__rm"
                ;;
            rpod__subcmd__volume__subcmd__help,unmount)
                cmd="rpod__subcmd__volume__subcmd__help__subcmd__unmount"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        rpod)
            opts="-v -D -h --version --out --noout --debug --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --module --help pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret artifact pod network healthcheck images image-ls image inspect history tag untag rmi save load import push diff mount umount unmount login logout unshare info events system version completion quadlet compose generate kube play internal help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --module)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help add extract inspect ls list pull push rm remove help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact__subcmd__add)
            opts="-a -h --annotation --append --file-type --replace --type --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --file-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact__subcmd__extract)
            opts="-h --digest --title --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --digest)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --title)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact__subcmd__help)
            opts="add extract inspect ls pull push rm help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact__subcmd__help__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact__subcmd__help__subcmd__extract)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact__subcmd__help__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact__subcmd__help__subcmd__ls)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact__subcmd__help__subcmd__pull)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact__subcmd__help__subcmd__push)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact__subcmd__help__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact__subcmd__inspect)
            opts="-f -h --format --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact__subcmd__ls)
            opts="-n -h --format --noheading --no-trunc --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact__subcmd__pull)
            opts="-q -h --authfile --cert-dir --creds --quiet --retry --retry-delay --tls-verify --decryption-key --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-delay)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --decryption-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact__subcmd__push)
            opts="-q -h --authfile --cert-dir --creds --quiet --retry --retry-delay --tls-verify --digestfile --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-delay)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --digestfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__artifact__subcmd__rm)
            opts="-a -i -h --all --ignore --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__attach)
            opts="-l -h --latest --detach-keys --no-stdin --sig-proxy --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --detach-keys)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sig-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__build)
            opts="-t -f -q -v -h --tag --file --build-arg --build-arg-file --target --no-cache --quiet --iidfile --layers --format --pull --pull-never --platform --ignorefile --squash --squash-all --secret --ssh --authfile --tls-verify --creds --cert-dir --logfile --jobs --ulimit --cap-add --cap-drop --security-opt --network --volume --label --env --unsetenv --annotation --dns --dns-option --dns-search --group-add --retry --retry-delay --force-rm --arch --os --variant --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --build-arg)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --build-arg-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --target)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --iidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --layers)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "oci docker" -- "${cur}"))
                    return 0
                    ;;
                --pull)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignorefile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --logfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jobs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ulimit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-drop)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --security-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -v)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-option)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-search)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-delay)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --force-rm)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --arch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --variant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__buildx)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help build version help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__buildx__subcmd__build)
            opts="-t -f -q -v -h --tag --file --build-arg --build-arg-file --target --no-cache --quiet --iidfile --layers --format --pull --pull-never --platform --ignorefile --squash --squash-all --secret --ssh --authfile --tls-verify --creds --cert-dir --logfile --jobs --ulimit --cap-add --cap-drop --security-opt --network --volume --label --env --unsetenv --annotation --dns --dns-option --dns-search --group-add --retry --retry-delay --force-rm --arch --os --variant --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --build-arg)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --build-arg-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --target)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --iidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --layers)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "oci docker" -- "${cur}"))
                    return 0
                    ;;
                --pull)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignorefile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --logfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jobs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ulimit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-drop)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --security-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -v)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-option)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-search)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-delay)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --force-rm)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --arch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --variant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__buildx__subcmd__help)
            opts="build version help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__buildx__subcmd__help__subcmd__build)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__buildx__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__buildx__subcmd__help__subcmd__version)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__buildx__subcmd__version)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__commit)
            opts="-a -c -f -m -p -q -h --author --change --format --iidfile --message --pause --quiet --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --author)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --change)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "oci docker" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "oci docker" -- "${cur}"))
                    return 0
                    ;;
                --iidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --message)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pause)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__completion)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help bash zsh fish"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose)
            opts="-f -p -h --file --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__build)
            opts="-p -h --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__config)
            opts="-q -p -h --services --volumes --networks --profiles --quiet --format --no-consistency --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "yaml json" -- "${cur}"))
                    return 0
                    ;;
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__create)
            opts="-p -h --build --no-build --force-recreate --no-recreate --remove-orphans --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__down)
            opts="-v -t -p -h --volumes --rmi --remove-orphans --timeout --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --rmi)
                    COMPREPLY=($(compgen -W "local all" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__exec)
            opts="-d -e -T -u -w -p -h --detach --env --index --no-TTY --privileged --user --workdir --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --index)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help)
            opts="config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__build)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__config)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__down)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__exec)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__images)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__kill)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__logs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__ls)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__pause)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__port)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__ps)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__pull)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__push)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__restart)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__run)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__top)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__unpause)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__help__subcmd__up)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__images)
            opts="-p -h --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__kill)
            opts="-s -p -h --signal --remove-orphans --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --signal)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -s)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__logs)
            opts="-f -n -t -p -h --follow --tail --timestamps --no-color --no-log-prefix --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tail)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__ls)
            opts="-p -h --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__pause)
            opts="-p -h --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__port)
            opts="-p -h --index --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --index)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__ps)
            opts="-a -q -p -h --all --format --quiet --services-only --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__pull)
            opts="-q -p -h --ignore-pull-failures --quiet --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__push)
            opts="-p -h --ignore-push-failures --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__restart)
            opts="-t -p -h --timeout --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__rm)
            opts="-f -s -v -p -h --force --stop --volumes --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__run)
            opts="-d -e -T -p -h --detach --rm --env --entrypoint --name --no-deps --no-TTY --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --entrypoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__start)
            opts="-p -h --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__stop)
            opts="-t -p -h --timeout --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__top)
            opts="-p -h --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__unpause)
            opts="-p -h --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__compose__subcmd__up)
            opts="-d -t -p -h --detach --build --no-build --force-recreate --no-recreate --remove-orphans --wait --scale --no-deps --no-start --quiet-pull --timeout --project-name --profile --env-file --project-directory --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --scale)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --project-directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__attach)
            opts="-l -h --latest --detach-keys --no-stdin --sig-proxy --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --detach-keys)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sig-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__cleanup)
            opts="-a -l -h --all --exec --rm --rmi --stopped-only --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --exec)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__commit)
            opts="-a -c -f -m -p -q -h --author --change --format --iidfile --message --pause --quiet --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --author)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --change)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "oci docker" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "oci docker" -- "${cur}"))
                    return 0
                    ;;
                --iidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --message)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pause)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__cp)
            opts="-a -L -h --archive --follow-link --overwrite --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --archive)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__create)
            opts="-a -l -i -t -e -w -u -h -v -p -P -q -m -c -d --help --rm --attach --restart --log-driver --log-opt --label --stop-signal --stop-timeout --requires --timeout --replace --sdnotify --cgroups --cgroup-parent --userns --uidmap --gidmap --subuidname --subgidname --group-add --hostuser --passwd --passwd-entry --group-entry --image-volume --umask --tz --cidfile --conmon-pidfile --pidfile --interactive --tty --env --env-file --env-host --unsetenv --unsetenv-all --env-merge --label-file --annotation --expose --secret --workdir --user --entrypoint --hostname --pod --pod-id-file --read-only --read-only-tmpfs --shm-size --sysctl --tmpfs --volume --volumes-from --mount --cap-add --cap-drop --privileged --security-opt --ulimit --net --network --network-alias --ip --ip6 --mac-address --publish --publish-all --dns --dns-search --dns-option --add-host --no-hosts --hosts-file --disable-content-trust --no-hostname --init --name --health-cmd --health-interval --health-retries --health-timeout --health-start-period --health-start-interval --health-on-failure --health-log-destination --health-max-log-count --health-max-log-size --no-healthcheck --health-startup-cmd --health-startup-interval --health-startup-retries --health-startup-success --health-startup-timeout --pull --quiet --authfile --tls-verify --creds --cert-dir --retry --retry-delay --platform --arch --os --variant --http-proxy --memory --memory-reservation --memory-swap --memory-swappiness --kernel-memory --cpus --cpu-shares --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime --cpuset-cpus --cpuset-mems --pids-limit --blkio-weight --blkio-weight-device --device-read-bps --device-write-bps --device-read-iops --device-write-iops --oom-kill-disable --oom-score-adj --pid --ipc --uts --cgroupns --device --gpus --device-cgroup-rule --rootfs --systemd --shm-size-systemd --rmi --sig-proxy --detach-keys --preserve-fds --detach --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --attach)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restart)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-driver)
                    COMPREPLY=($(compgen -W "k8s-file json-file none" -- "${cur}"))
                    return 0
                    ;;
                --log-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-signal)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --requires)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sdnotify)
                    COMPREPLY=($(compgen -W "conmon container healthy ignore" -- "${cur}"))
                    return 0
                    ;;
                --cgroups)
                    COMPREPLY=($(compgen -W "enabled disabled no-conmon split" -- "${cur}"))
                    return 0
                    ;;
                --cgroup-parent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --userns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uidmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gidmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subuidname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subgidname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hostuser)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passwd)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --passwd-entry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-entry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --umask)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tz)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --conmon-pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-host)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-merge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expose)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --entrypoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hostname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -h)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-id-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --read-only)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --read-only-tmpfs)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --shm-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sysctl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpfs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -v)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumes-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mount)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-drop)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --privileged)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --security-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ulimit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --net)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network-alias)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip6)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mac-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-search)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-option)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --add-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hosts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-on-failure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-log-destination)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-success)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pull)
                    COMPREPLY=($(compgen -W "missing always never newer" -- "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-delay)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --arch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --variant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-reservation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swappiness)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kernel-memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-quota)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-mems)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pids-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight-device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oom-score-adj)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ipc)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroupns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-cgroup-rule)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --systemd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shm-size-systemd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sig-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --detach-keys)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --preserve-fds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__diff)
            opts="-l -h --format --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__exec)
            opts="-i -t -d -u -w -e -l -h --interactive --tty --detach --user --workdir --env --env-file --privileged --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --privileged)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__exists)
            opts="-h --external --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__export)
            opts="-o -h --output --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help)
            opts="run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list inspect cleanup exists prune diff mount umount help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__attach)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__cleanup)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__commit)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__cp)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__exec)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__exists)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__kill)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__logs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__mount)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__pause)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__port)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__rename)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__restart)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__run)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__stats)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__top)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__umount)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__unpause)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__update)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__help__subcmd__wait)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__inspect)
            opts="-f -l -s -h --format --latest --size --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__kill)
            opts="-s -a -l -h --signal --all --latest --cidfile --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --signal)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -s)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__list)
            opts="-a -q -l -n -f -p -s -w -h --all --quiet --latest --last --no-trunc --noheading --filter --format --sort --pod --external --size --ns --sync --watch --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --last)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sort)
                    COMPREPLY=($(compgen -W "command created id image names runningfor size status" -- "${cur}"))
                    return 0
                    ;;
                --watch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__logs)
            opts="-n -f -t -l -h --names --color --follow --tail --timestamps --since --until --latest --details --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tail)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__mount)
            opts="-a -l -h --all --format --notruncate --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__pause)
            opts="-a -l -f -h --all --latest --cidfile --filter --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__port)
            opts="-a -l -h --all --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__prune)
            opts="-f -h --force --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__rename)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__restart)
            opts="-a -l -f -t -h --all --latest --running --cidfile --filter --time --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__rm)
            opts="-f -a -l -i -v -t -h --force --all --latest --cidfile --filter --ignore --volumes --depend --time --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__run)
            opts="-d -a -l -i -t -e -w -u -h -v -p -P -q -m -c --help --rm --rmi --detach --attach --restart --log-driver --log-opt --label --stop-signal --stop-timeout --requires --timeout --replace --sdnotify --cgroups --cgroup-parent --userns --uidmap --gidmap --subuidname --subgidname --group-add --hostuser --passwd --passwd-entry --group-entry --image-volume --umask --tz --detach-keys --sig-proxy --cidfile --conmon-pidfile --pidfile --interactive --tty --env --env-file --env-host --unsetenv --unsetenv-all --env-merge --label-file --annotation --expose --secret --workdir --user --entrypoint --hostname --pod --pod-id-file --read-only --read-only-tmpfs --shm-size --sysctl --tmpfs --volume --volumes-from --mount --cap-add --cap-drop --privileged --security-opt --ulimit --net --network --network-alias --ip --ip6 --mac-address --publish --publish-all --dns --dns-search --dns-option --add-host --no-hosts --hosts-file --disable-content-trust --no-hostname --init --name --health-cmd --health-interval --health-retries --health-timeout --health-start-period --health-start-interval --health-on-failure --health-log-destination --health-max-log-count --health-max-log-size --no-healthcheck --health-startup-cmd --health-startup-interval --health-startup-retries --health-startup-success --health-startup-timeout --pull --quiet --authfile --tls-verify --creds --cert-dir --retry --retry-delay --platform --arch --os --variant --http-proxy --memory --memory-reservation --memory-swap --memory-swappiness --kernel-memory --cpus --cpu-shares --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime --cpuset-cpus --cpuset-mems --pids-limit --blkio-weight --blkio-weight-device --device-read-bps --device-write-bps --device-read-iops --device-write-iops --oom-kill-disable --oom-score-adj --pid --ipc --uts --cgroupns --device --gpus --device-cgroup-rule --rootfs --systemd --shm-size-systemd --preserve-fds --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --attach)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restart)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-driver)
                    COMPREPLY=($(compgen -W "k8s-file json-file none" -- "${cur}"))
                    return 0
                    ;;
                --log-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-signal)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --requires)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sdnotify)
                    COMPREPLY=($(compgen -W "conmon container healthy ignore" -- "${cur}"))
                    return 0
                    ;;
                --cgroups)
                    COMPREPLY=($(compgen -W "enabled disabled no-conmon split" -- "${cur}"))
                    return 0
                    ;;
                --cgroup-parent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --userns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uidmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gidmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subuidname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subgidname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hostuser)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passwd)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --passwd-entry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-entry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --umask)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tz)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --detach-keys)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sig-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --conmon-pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-host)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-merge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expose)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --entrypoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hostname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -h)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-id-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --read-only)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --read-only-tmpfs)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --shm-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sysctl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpfs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -v)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumes-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mount)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-drop)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --privileged)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --security-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ulimit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --net)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network-alias)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip6)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mac-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-search)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-option)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --add-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hosts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-on-failure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-log-destination)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-success)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pull)
                    COMPREPLY=($(compgen -W "missing always never newer" -- "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-delay)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --arch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --variant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-reservation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swappiness)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kernel-memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-quota)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-mems)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pids-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight-device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oom-score-adj)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ipc)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroupns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-cgroup-rule)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --systemd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shm-size-systemd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --preserve-fds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__start)
            opts="-l -f -a -i -h --latest --all --filter --attach --interactive --detach-keys --sig-proxy --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --detach-keys)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sig-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__stats)
            opts="-a -l -i -h --all --latest --format --no-stream --no-trunc --no-reset --interval --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__stop)
            opts="-a -l -f -i -t -h --all --latest --cidfile --filter --ignore --time --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__top)
            opts="-l -h --latest --list-descriptors --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__umount)
            opts="-a -f -l -h --all --force --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__unpause)
            opts="-a -l -f -h --all --latest --cidfile --filter --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__update)
            opts="-l -e -m -c -h --latest --restart --ulimit --env --unsetenv --health-cmd --health-interval --health-retries --health-timeout --health-start-period --health-start-interval --health-on-failure --health-log-destination --health-max-log-count --health-max-log-size --no-healthcheck --health-startup-cmd --health-startup-interval --health-startup-retries --health-startup-success --health-startup-timeout --memory --memory-reservation --memory-swap --memory-swappiness --kernel-memory --cpus --cpu-shares --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime --cpuset-cpus --cpuset-mems --pids-limit --blkio-weight --blkio-weight-device --device-read-bps --device-write-bps --device-read-iops --device-write-iops --oom-kill-disable --oom-score-adj --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --restart)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ulimit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-on-failure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-log-destination)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-success)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-reservation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swappiness)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kernel-memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-quota)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-mems)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pids-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight-device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oom-score-adj)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__container__subcmd__wait)
            opts="-l -i -h --condition --latest --ignore --interval --exit-first-match --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --condition)
                    COMPREPLY=($(compgen -W "stopped exited running created paused stopping removing healthy unhealthy" -- "${cur}"))
                    return 0
                    ;;
                --interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__cp)
            opts="-a -L -h --archive --follow-link --overwrite --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --archive)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__create)
            opts="-a -l -i -t -e -w -u -h -v -p -P -q -m -c -d --help --rm --attach --restart --log-driver --log-opt --label --stop-signal --stop-timeout --requires --timeout --replace --sdnotify --cgroups --cgroup-parent --userns --uidmap --gidmap --subuidname --subgidname --group-add --hostuser --passwd --passwd-entry --group-entry --image-volume --umask --tz --cidfile --conmon-pidfile --pidfile --interactive --tty --env --env-file --env-host --unsetenv --unsetenv-all --env-merge --label-file --annotation --expose --secret --workdir --user --entrypoint --hostname --pod --pod-id-file --read-only --read-only-tmpfs --shm-size --sysctl --tmpfs --volume --volumes-from --mount --cap-add --cap-drop --privileged --security-opt --ulimit --net --network --network-alias --ip --ip6 --mac-address --publish --publish-all --dns --dns-search --dns-option --add-host --no-hosts --hosts-file --disable-content-trust --no-hostname --init --name --health-cmd --health-interval --health-retries --health-timeout --health-start-period --health-start-interval --health-on-failure --health-log-destination --health-max-log-count --health-max-log-size --no-healthcheck --health-startup-cmd --health-startup-interval --health-startup-retries --health-startup-success --health-startup-timeout --pull --quiet --authfile --tls-verify --creds --cert-dir --retry --retry-delay --platform --arch --os --variant --http-proxy --memory --memory-reservation --memory-swap --memory-swappiness --kernel-memory --cpus --cpu-shares --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime --cpuset-cpus --cpuset-mems --pids-limit --blkio-weight --blkio-weight-device --device-read-bps --device-write-bps --device-read-iops --device-write-iops --oom-kill-disable --oom-score-adj --pid --ipc --uts --cgroupns --device --gpus --device-cgroup-rule --rootfs --systemd --shm-size-systemd --rmi --sig-proxy --detach-keys --preserve-fds --detach --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --attach)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restart)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-driver)
                    COMPREPLY=($(compgen -W "k8s-file json-file none" -- "${cur}"))
                    return 0
                    ;;
                --log-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-signal)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --requires)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sdnotify)
                    COMPREPLY=($(compgen -W "conmon container healthy ignore" -- "${cur}"))
                    return 0
                    ;;
                --cgroups)
                    COMPREPLY=($(compgen -W "enabled disabled no-conmon split" -- "${cur}"))
                    return 0
                    ;;
                --cgroup-parent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --userns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uidmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gidmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subuidname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subgidname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hostuser)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passwd)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --passwd-entry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-entry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --umask)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tz)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --conmon-pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-host)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-merge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expose)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --entrypoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hostname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -h)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-id-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --read-only)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --read-only-tmpfs)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --shm-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sysctl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpfs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -v)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumes-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mount)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-drop)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --privileged)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --security-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ulimit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --net)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network-alias)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip6)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mac-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-search)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-option)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --add-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hosts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-on-failure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-log-destination)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-success)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pull)
                    COMPREPLY=($(compgen -W "missing always never newer" -- "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-delay)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --arch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --variant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-reservation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swappiness)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kernel-memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-quota)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-mems)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pids-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight-device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oom-score-adj)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ipc)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroupns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-cgroup-rule)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --systemd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shm-size-systemd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sig-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --detach-keys)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --preserve-fds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__diff)
            opts="-l -h --format --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__events)
            opts="-f -h --filter --format --stream --since --no-trunc --until --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stream)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --no-trunc)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__exec)
            opts="-i -t -d -u -w -e -l -h --interactive --tty --detach --user --workdir --env --env-file --privileged --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --privileged)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__export)
            opts="-o -h --output --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__generate)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help systemd kube help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__generate__subcmd__help)
            opts="systemd kube help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__generate__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__generate__subcmd__help__subcmd__kube)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__generate__subcmd__help__subcmd__systemd)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__generate__subcmd__kube)
            opts="-f -s -t -r -h --filename --service --type --replicas --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filename)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --replicas)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -r)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__generate__subcmd__systemd)
            opts="-n -f -t -e -h --new --template --name --files --restart-policy --restart-sec --time --stop-timeout --start-timeout --container-prefix --pod-prefix --separator --after --wants --requires --env --no-header --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --restart-policy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restart-sec)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --container-prefix)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-prefix)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --separator)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --after)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wants)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --requires)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__healthcheck)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help run help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__healthcheck__subcmd__help)
            opts="run help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__healthcheck__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__healthcheck__subcmd__help__subcmd__run)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__healthcheck__subcmd__run)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help)
            opts="pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret artifact pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__artifact)
            opts="add extract inspect ls pull push rm"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__artifact__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__artifact__subcmd__extract)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__artifact__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__artifact__subcmd__ls)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__artifact__subcmd__pull)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__artifact__subcmd__push)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__artifact__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__attach)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__build)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__buildx)
            opts="build version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__buildx__subcmd__build)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__buildx__subcmd__version)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__commit)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__completion)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose)
            opts="config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__build)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__config)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__down)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__exec)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__images)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__kill)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__logs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__ls)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__pause)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__port)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__ps)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__pull)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__push)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__restart)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__run)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__top)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__unpause)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__compose__subcmd__up)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container)
            opts="run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list inspect cleanup exists prune diff mount umount"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__attach)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__cleanup)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__commit)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__cp)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__exec)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__exists)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__kill)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__logs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__mount)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__pause)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__port)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__rename)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__restart)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__run)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__stats)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__top)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__umount)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__unpause)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__update)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__container__subcmd__wait)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__cp)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__events)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__exec)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__generate)
            opts="systemd kube"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__generate__subcmd__kube)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__generate__subcmd__systemd)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__healthcheck)
            opts="run"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__healthcheck__subcmd__run)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__history)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image)
            opts="build ls pull rm tag untag inspect history prune exists save load import push diff mount umount sign"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__build)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__exists)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__history)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__import)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__load)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__ls)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__mount)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__pull)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__push)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__save)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__sign)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__tag)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__umount)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__image__subcmd__untag)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__images)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__import)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__info)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__internal)
            opts="monitor gen-docs exec network-lease network-holder pod-holder"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__internal__subcmd__exec)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__internal__subcmd__gen__subcmd__docs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__internal__subcmd__monitor)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__internal__subcmd__network__subcmd__holder)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__internal__subcmd__network__subcmd__lease)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__internal__subcmd__pod__subcmd__holder)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__kill)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__kube)
            opts="play down generate"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__kube__subcmd__down)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__kube__subcmd__generate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__kube__subcmd__play)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__load)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__login)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__logout)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__logs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__mount)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__network)
            opts="create ls inspect rm exists prune reload connect disconnect"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__network__subcmd__connect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__network__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__network__subcmd__disconnect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__network__subcmd__exists)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__network__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__network__subcmd__ls)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__network__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__network__subcmd__reload)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__network__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pause)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__play)
            opts="kube"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__play__subcmd__kube)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pod)
            opts="create ps inspect top logs stats start stop restart kill pause unpause rm prune exists"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pod__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pod__subcmd__exists)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pod__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pod__subcmd__kill)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pod__subcmd__logs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pod__subcmd__pause)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pod__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pod__subcmd__ps)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pod__subcmd__restart)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pod__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pod__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pod__subcmd__stats)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pod__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pod__subcmd__top)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pod__subcmd__unpause)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__port)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__ps)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__pull)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__push)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__quadlet)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__rename)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__restart)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__rmi)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__run)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__save)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__secret)
            opts="create ls inspect rm exists"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__secret__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__secret__subcmd__exists)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__secret__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__secret__subcmd__ls)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__secret__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__stats)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__system)
            opts="events info reset df prune"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__system__subcmd__df)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__system__subcmd__events)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__system__subcmd__info)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__system__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__system__subcmd__reset)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__tag)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__top)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__umount)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__unpause)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__unshare)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__untag)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__update)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__version)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__volume)
            opts="create ls inspect rm prune exists export import mount unmount"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__volume__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__volume__subcmd__exists)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__volume__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__volume__subcmd__import)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__volume__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__volume__subcmd__ls)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__volume__subcmd__mount)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__volume__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__volume__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__volume__subcmd__unmount)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__help__subcmd__wait)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__history)
            opts="-H -q -h --human --no-trunc --quiet --format --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --human)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                -H)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount sign help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__build)
            opts="-t -f -q -v -h --tag --file --build-arg --build-arg-file --target --no-cache --quiet --iidfile --layers --format --pull --pull-never --platform --ignorefile --squash --squash-all --secret --ssh --authfile --tls-verify --creds --cert-dir --logfile --jobs --ulimit --cap-add --cap-drop --security-opt --network --volume --label --env --unsetenv --annotation --dns --dns-option --dns-search --group-add --retry --retry-delay --force-rm --arch --os --variant --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --build-arg)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --build-arg-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --target)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --iidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --layers)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "oci docker" -- "${cur}"))
                    return 0
                    ;;
                --pull)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignorefile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --logfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jobs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ulimit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-drop)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --security-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -v)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-option)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-search)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-delay)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --force-rm)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --arch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --variant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__diff)
            opts="-h --format --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__exists)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help)
            opts="build ls pull rm tag untag inspect history prune exists save load import push diff mount umount sign help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__build)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__exists)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__history)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__import)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__load)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__ls)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__mount)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__pull)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__push)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__save)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__sign)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__tag)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__umount)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__help__subcmd__untag)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__history)
            opts="-H -q -h --human --no-trunc --quiet --format --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --human)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                -H)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__import)
            opts="-c -m -q -h --arch --change --message --os --variant --quiet --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --arch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --change)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --message)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --variant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__inspect)
            opts="-f -h --format --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__load)
            opts="-i -q -h --input --quiet --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --input)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__ls)
            opts="-a -q -n -f -h --all --quiet --digests --no-trunc --noheading --filter --format --sort --history --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sort)
                    COMPREPLY=($(compgen -W "created id repository size tag" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__mount)
            opts="-a -h --all --format --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__prune)
            opts="-a -f -h --all --force --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__pull)
            opts="-q -h --platform --disable-content-trust --arch --os --variant --quiet --tls-verify --creds --authfile --cert-dir --retry --retry-delay --policy --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --arch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --variant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-delay)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --policy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__push)
            opts="-a -f -q -h --all-tags --disable-content-trust --authfile --cert-dir --compression-format --compression-level --creds --digestfile --format --quiet --retry --retry-delay --tls-verify --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --compression-format)
                    COMPREPLY=($(compgen -W "gzip zstd zstd:chunked" -- "${cur}"))
                    return 0
                    ;;
                --compression-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --digestfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "oci v2s2 docker" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "oci v2s2 docker" -- "${cur}"))
                    return 0
                    ;;
                --retry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-delay)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__rm)
            opts="-a -f -i -h --all --force --ignore --no-prune --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__save)
            opts="-o -q -m -h --compress --format --output --quiet --multi-image-archive --uncompressed --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "docker-archive oci-archive oci-dir docker-dir" -- "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__sign)
            opts="-a -d -h --all --authfile --cert-dir --directory --sign-by --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --directory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -d)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sign-by)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__tag)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__umount)
            opts="-a -f -h --all --force --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__image__subcmd__untag)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__images)
            opts="-a -q -n -f -h --all --quiet --digests --no-trunc --noheading --filter --format --sort --history --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sort)
                    COMPREPLY=($(compgen -W "created id repository size tag" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__import)
            opts="-c -m -q -h --arch --change --message --os --variant --quiet --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --arch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --change)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --message)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --variant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__info)
            opts="-f -D -h --format --debug --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__inspect)
            opts="-f -t -l -s -h --format --type --latest --size --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__internal)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help monitor gen-docs exec network-lease network-holder pod-holder help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__internal__subcmd__exec)
            opts="-i -t -d -u -w -e -h --pid --interactive --tty --detach --user --workdir --env --env-file --privileged --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --privileged)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__internal__subcmd__gen__subcmd__docs)
            opts="-h --man-dir --completions-dir --check --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --man-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --completions-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__internal__subcmd__help)
            opts="monitor gen-docs exec network-lease network-holder pod-holder help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__internal__subcmd__help__subcmd__exec)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__internal__subcmd__help__subcmd__gen__subcmd__docs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__internal__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__internal__subcmd__help__subcmd__monitor)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__internal__subcmd__help__subcmd__network__subcmd__holder)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__internal__subcmd__help__subcmd__network__subcmd__lease)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__internal__subcmd__help__subcmd__pod__subcmd__holder)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__internal__subcmd__monitor)
            opts="-h --ready-fd --attach-first --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --ready-fd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__internal__subcmd__network__subcmd__holder)
            opts="-h --ready-fd --userns-fd --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --ready-fd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --userns-fd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__internal__subcmd__network__subcmd__lease)
            opts="-h --ip --mac-address --release --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mac-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__internal__subcmd__pod__subcmd__holder)
            opts="-h --ready-fd --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --ready-fd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__kill)
            opts="-s -a -l -h --signal --all --latest --cidfile --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --signal)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -s)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__kube)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help play down generate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__kube__subcmd__down)
            opts="-h --force --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__kube__subcmd__generate)
            opts="-f -s -t -r -h --filename --service --type --replicas --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filename)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --replicas)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -r)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__kube__subcmd__help)
            opts="play down generate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__kube__subcmd__help__subcmd__down)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__kube__subcmd__help__subcmd__generate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__kube__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__kube__subcmd__help__subcmd__play)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__kube__subcmd__play)
            opts="-q -w -h --down --force --replace --network --publish --publish-all --configmap --build --context-dir --start --annotation --userns --quiet --authfile --wait --log-driver --log-opt --service-container --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --configmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --build)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --context-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --userns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-driver)
                    COMPREPLY=($(compgen -W "k8s-file json-file none" -- "${cur}"))
                    return 0
                    ;;
                --log-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-container)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__load)
            opts="-i -q -h --input --quiet --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --input)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__login)
            opts="-u -p -h --username --password --password-stdin --tls-verify --authfile --cert-dir --get-login --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__logout)
            opts="-a -h --all --authfile --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__logs)
            opts="-n -f -t -l -h --names --color --follow --tail --timestamps --since --until --latest --details --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tail)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__mount)
            opts="-a -l -h --all --format --notruncate --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help create ls list inspect rm remove exists prune reload connect disconnect help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__connect)
            opts="-h --alias --ip --ip6 --mac-address --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --alias)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip6)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mac-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__create)
            opts="-d -o -h --driver --opt --gateway --internal --ip-range --label --ipam-driver --ipv6 --subnet --route --interface-name --disable-dns --ignore --dns --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --driver)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -d)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gateway)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip-range)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ipam-driver)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subnet)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --route)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --interface-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__disconnect)
            opts="-f -h --force --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__exists)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__help)
            opts="create ls inspect rm exists prune reload connect disconnect help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__help__subcmd__connect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__help__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__help__subcmd__disconnect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__help__subcmd__exists)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__help__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__help__subcmd__ls)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__help__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__help__subcmd__reload)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__help__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__inspect)
            opts="-f -h --format --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__ls)
            opts="-q -f -n -h --format --quiet --no-trunc --filter --noheading --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__prune)
            opts="-f -h --force --filter --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__reload)
            opts="-a -l -h --all --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__network__subcmd__rm)
            opts="-f -t -h --force --time --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pause)
            opts="-a -l -f -h --all --latest --cidfile --filter --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__play)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help kube help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__play__subcmd__help)
            opts="kube help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__play__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__play__subcmd__help__subcmd__kube)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__play__subcmd__kube)
            opts="-q -w -h --down --force --replace --network --publish --publish-all --configmap --build --context-dir --start --annotation --userns --quiet --authfile --wait --log-driver --log-opt --service-container --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --configmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --build)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --context-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --userns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-driver)
                    COMPREPLY=($(compgen -W "k8s-file json-file none" -- "${cur}"))
                    return 0
                    ;;
                --log-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-container)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__create)
            opts="-n -p -l -m -c -h --name --publish --share --exit-policy --restart --infra --infra-name --infra-image --infra-command --infra-conmon-pidfile --network --userns --label --hostname --add-host --hosts-file --dns --dns-search --dns-option --ip --ip6 --mac-address --network-alias --replace --pod-id-file --cgroup-parent --memory --memory-reservation --memory-swap --memory-swappiness --kernel-memory --cpus --cpu-shares --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime --cpuset-cpus --cpuset-mems --pids-limit --blkio-weight --blkio-weight-device --device-read-bps --device-write-bps --device-read-iops --device-write-iops --oom-kill-disable --oom-score-adj --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --exit-policy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restart)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --infra)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --infra-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --infra-image)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --infra-command)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --infra-conmon-pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --userns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hostname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --add-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hosts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-search)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-option)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip6)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mac-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network-alias)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-id-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-parent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-reservation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swappiness)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kernel-memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-quota)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-mems)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pids-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight-device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oom-score-adj)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__exists)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help)
            opts="create ps inspect top logs stats start stop restart kill pause unpause rm prune exists help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help__subcmd__exists)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help__subcmd__kill)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help__subcmd__logs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help__subcmd__pause)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help__subcmd__ps)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help__subcmd__restart)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help__subcmd__stats)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help__subcmd__top)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__help__subcmd__unpause)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__inspect)
            opts="-f -l -h --format --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__kill)
            opts="-a -l -s -h --all --latest --signal --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --signal)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -s)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__logs)
            opts="-f -c -t -h --follow --container --names --color --tail --since --until --timestamps --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --container)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tail)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__pause)
            opts="-a -l -h --all --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__prune)
            opts="-f -h --force --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__ps)
            opts="-q -n -f -l -h --quiet --noheading --no-trunc --ctr-names --ctr-ids --ctr-status --filter --format --sort --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sort)
                    COMPREPLY=($(compgen -W "created id name number status" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__restart)
            opts="-a -l -h --all --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__rm)
            opts="-a -f -i -l -t -h --all --force --ignore --latest --time --pod-id-file --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-id-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__start)
            opts="-a -l -h --all --latest --pod-id-file --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --pod-id-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__stats)
            opts="-a -h --all --format --no-stream --no-reset --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__stop)
            opts="-a -l -i -t -h --all --latest --ignore --time --pod-id-file --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-id-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__top)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pod__subcmd__unpause)
            opts="-a -l -h --all --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__port)
            opts="-a -l -h --all --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__ps)
            opts="-a -q -l -n -f -p -s -w -h --all --quiet --latest --last --no-trunc --noheading --filter --format --sort --pod --external --size --ns --sync --watch --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --last)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sort)
                    COMPREPLY=($(compgen -W "command created id image names runningfor size status" -- "${cur}"))
                    return 0
                    ;;
                --watch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__pull)
            opts="-q -h --platform --disable-content-trust --arch --os --variant --quiet --tls-verify --creds --authfile --cert-dir --retry --retry-delay --policy --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --arch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --variant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-delay)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --policy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__push)
            opts="-a -f -q -h --all-tags --disable-content-trust --authfile --cert-dir --compression-format --compression-level --creds --digestfile --format --quiet --retry --retry-delay --tls-verify --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --compression-format)
                    COMPREPLY=($(compgen -W "gzip zstd zstd:chunked" -- "${cur}"))
                    return 0
                    ;;
                --compression-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --digestfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "oci v2s2 docker" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "oci v2s2 docker" -- "${cur}"))
                    return 0
                    ;;
                --retry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-delay)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__quadlet)
            opts="-v -h --dryrun --user --no-kmsg-log --verbose --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__rename)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__restart)
            opts="-a -l -f -t -h --all --latest --running --cidfile --filter --time --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__rm)
            opts="-f -a -l -i -v -t -h --force --all --latest --cidfile --filter --ignore --volumes --depend --time --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__rmi)
            opts="-a -f -i -h --all --force --ignore --no-prune --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__run)
            opts="-d -a -l -i -t -e -w -u -h -v -p -P -q -m -c --help --rm --rmi --detach --attach --restart --log-driver --log-opt --label --stop-signal --stop-timeout --requires --timeout --replace --sdnotify --cgroups --cgroup-parent --userns --uidmap --gidmap --subuidname --subgidname --group-add --hostuser --passwd --passwd-entry --group-entry --image-volume --umask --tz --detach-keys --sig-proxy --cidfile --conmon-pidfile --pidfile --interactive --tty --env --env-file --env-host --unsetenv --unsetenv-all --env-merge --label-file --annotation --expose --secret --workdir --user --entrypoint --hostname --pod --pod-id-file --read-only --read-only-tmpfs --shm-size --sysctl --tmpfs --volume --volumes-from --mount --cap-add --cap-drop --privileged --security-opt --ulimit --net --network --network-alias --ip --ip6 --mac-address --publish --publish-all --dns --dns-search --dns-option --add-host --no-hosts --hosts-file --disable-content-trust --no-hostname --init --name --health-cmd --health-interval --health-retries --health-timeout --health-start-period --health-start-interval --health-on-failure --health-log-destination --health-max-log-count --health-max-log-size --no-healthcheck --health-startup-cmd --health-startup-interval --health-startup-retries --health-startup-success --health-startup-timeout --pull --quiet --authfile --tls-verify --creds --cert-dir --retry --retry-delay --platform --arch --os --variant --http-proxy --memory --memory-reservation --memory-swap --memory-swappiness --kernel-memory --cpus --cpu-shares --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime --cpuset-cpus --cpuset-mems --pids-limit --blkio-weight --blkio-weight-device --device-read-bps --device-write-bps --device-read-iops --device-write-iops --oom-kill-disable --oom-score-adj --pid --ipc --uts --cgroupns --device --gpus --device-cgroup-rule --rootfs --systemd --shm-size-systemd --preserve-fds --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --attach)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restart)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-driver)
                    COMPREPLY=($(compgen -W "k8s-file json-file none" -- "${cur}"))
                    return 0
                    ;;
                --log-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-signal)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --requires)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sdnotify)
                    COMPREPLY=($(compgen -W "conmon container healthy ignore" -- "${cur}"))
                    return 0
                    ;;
                --cgroups)
                    COMPREPLY=($(compgen -W "enabled disabled no-conmon split" -- "${cur}"))
                    return 0
                    ;;
                --cgroup-parent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --userns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uidmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gidmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subuidname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subgidname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hostuser)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passwd)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --passwd-entry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-entry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --umask)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tz)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --detach-keys)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sig-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --conmon-pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-host)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-merge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expose)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --entrypoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hostname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -h)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-id-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --read-only)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --read-only-tmpfs)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --shm-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sysctl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpfs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -v)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumes-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mount)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-drop)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --privileged)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --security-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ulimit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --net)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network-alias)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip6)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mac-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-search)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-option)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --add-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hosts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-on-failure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-log-destination)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-success)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pull)
                    COMPREPLY=($(compgen -W "missing always never newer" -- "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-delay)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --arch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --variant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-reservation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swappiness)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kernel-memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-quota)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-mems)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pids-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight-device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oom-score-adj)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ipc)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroupns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-cgroup-rule)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --systemd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shm-size-systemd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --preserve-fds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__save)
            opts="-o -q -m -h --compress --format --output --quiet --multi-image-archive --uncompressed --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "docker-archive oci-archive oci-dir docker-dir" -- "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__secret)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help create ls list inspect rm exists help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__secret__subcmd__create)
            opts="-d -l -h --driver --driver-opts --env --replace --ignore --label --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --driver)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -d)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --driver-opts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__secret__subcmd__exists)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__secret__subcmd__help)
            opts="create ls inspect rm exists help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__secret__subcmd__help__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__secret__subcmd__help__subcmd__exists)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__secret__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__secret__subcmd__help__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__secret__subcmd__help__subcmd__ls)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__secret__subcmd__help__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__secret__subcmd__inspect)
            opts="-f -h --format --showsecret --pretty --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__secret__subcmd__ls)
            opts="-f -n -q -h --format --filter --noheading --quiet --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__secret__subcmd__rm)
            opts="-a -i -h --all --ignore --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__start)
            opts="-l -f -a -i -h --latest --all --filter --attach --interactive --detach-keys --sig-proxy --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --detach-keys)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sig-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__stats)
            opts="-a -l -i -h --all --latest --format --no-stream --no-trunc --no-reset --interval --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__stop)
            opts="-a -l -f -i -t -h --all --latest --cidfile --filter --ignore --time --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__system)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help events info reset df prune help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__system__subcmd__df)
            opts="-v -h --verbose --format --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__system__subcmd__events)
            opts="-f -h --filter --format --stream --since --no-trunc --until --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stream)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --no-trunc)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__system__subcmd__help)
            opts="events info reset df prune help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__system__subcmd__help__subcmd__df)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__system__subcmd__help__subcmd__events)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__system__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__system__subcmd__help__subcmd__info)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__system__subcmd__help__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__system__subcmd__help__subcmd__reset)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__system__subcmd__info)
            opts="-f -D -h --format --debug --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__system__subcmd__prune)
            opts="-a -f -h --all --force --volumes --filter --build --external --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__system__subcmd__reset)
            opts="-f -h --force --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__tag)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__top)
            opts="-l -h --latest --list-descriptors --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__umount)
            opts="-a -f -l -h --all --force --latest --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__unpause)
            opts="-a -l -f -h --all --latest --cidfile --filter --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__unshare)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__untag)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__update)
            opts="-l -e -m -c -h --latest --restart --ulimit --env --unsetenv --health-cmd --health-interval --health-retries --health-timeout --health-start-period --health-start-interval --health-on-failure --health-log-destination --health-max-log-count --health-max-log-size --no-healthcheck --health-startup-cmd --health-startup-interval --health-startup-retries --health-startup-success --health-startup-timeout --memory --memory-reservation --memory-swap --memory-swappiness --kernel-memory --cpus --cpu-shares --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime --cpuset-cpus --cpuset-mems --pids-limit --blkio-weight --blkio-weight-device --device-read-bps --device-write-bps --device-read-iops --device-write-iops --oom-kill-disable --oom-score-adj --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --restart)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ulimit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-on-failure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-log-destination)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-success)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-reservation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swappiness)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kernel-memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-quota)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-mems)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pids-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight-device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oom-score-adj)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__version)
            opts="-f -h --format --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help create ls list inspect rm remove prune exists export import mount unmount umount help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__create)
            opts="-l -o -d -h --label --opt --ignore --driver --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --driver)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -d)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__exists)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__export)
            opts="-o -h --output --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__help)
            opts="create ls inspect rm prune exists export import mount unmount help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__help__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__help__subcmd__exists)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__help__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__help__subcmd__import)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__help__subcmd__inspect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__help__subcmd__ls)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__help__subcmd__mount)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__help__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__help__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__help__subcmd__unmount)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__import)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__inspect)
            opts="-a -f -h --all --format --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__ls)
            opts="-q -n -f -h --quiet --noheading --filter --format --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__mount)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__prune)
            opts="-f -h --filter --force --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__rm)
            opts="-a -f -t -h --all --force --time --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__volume__subcmd__unmount)
            opts="-h --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        rpod__subcmd__wait)
            opts="-l -i -h --condition --latest --ignore --interval --exit-first-match --root --runroot --log-level --syslog --storage-driver --storage-opt --default-mounts-file --tmpdir --runtime --runtime-flag --volumepath --hooks-dir --events-backend --db-backend --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --condition)
                    COMPREPLY=($(compgen -W "stopped exited running created paused stopping removing healthy unhealthy" -- "${cur}"))
                    return 0
                    ;;
                --interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --storage-driver)
                    COMPREPLY=($(compgen -W "overlay vfs" -- "${cur}"))
                    return 0
                    ;;
                --storage-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-mounts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumepath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hooks-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -W "file journald none" -- "${cur}"))
                    return 0
                    ;;
                --db-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _rpod -o nosort -o bashdefault -o default rpod
else
    complete -F _rpod -o bashdefault -o default rpod
fi
