# bash completion for rpod                                  -*- shell-script -*-
# Written by `rpod completion bash`. The candidates come from rpod itself:
# `rpod __completeNoDesc WORDS...` prints one a line, then `:N` (cobra's
# ShellCompDirective bits: 1 error, 2 no space, 4 no file completion,
# 8 file extensions, 16 directories only).

__rpod_complete() {
    local cur words cword
    if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
        _get_comp_words_by_ref -n "=:" cur words cword
    else
        # Without bash-completion: the line up to the cursor, split at
        # blanks only (COMP_WORDS is also split at = and :).
        local line=${COMP_LINE:0:COMP_POINT}
        read -ra words <<<"$line"
        [[ -z $line || $line == *[[:space:]] ]] && words+=("")
        cword=$((${#words[@]} - 1))
        cur=${words[cword]}
    fi

    local out
    out=$("${words[0]}" __completeNoDesc "${words[@]:1:cword}" 2>/dev/null) || return
    local directive=${out##*:}
    [[ $directive =~ ^[0-9]+$ ]] || directive=0
    out=${out%:*}
    out=${out%$'\n'}
    ((directive & 1)) && return

    # A flag's value after `=`, a path after `CONTAINER:`: bash replaces
    # only what follows the separator.
    [[ $cur == -*=* ]] && cur=${cur#*=}
    ((directive & 2)) && compopt -o nospace 2>/dev/null
    ((directive & 4)) && compopt +o default 2>/dev/null

    local IFS=$'\n'
    if ((directive & 8)); then
        local ext pattern=""
        for ext in $out; do
            pattern+="${pattern:+|}${ext#.}"
        done
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -X "!*.@($pattern)" -- "$cur") $(compgen -d -- "$cur"))
        return
    fi
    if ((directive & 16)); then
        compopt -o filenames 2>/dev/null
        if [[ -n $out ]]; then
            COMPREPLY=($(cd -- "$out" 2>/dev/null && compgen -d -- "$cur"))
        else
            COMPREPLY=($(compgen -d -- "$cur"))
        fi
        return
    fi
    COMPREPLY=($(compgen -W "$out" -- "$cur"))
    if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
        local colon=${cur%"${cur##*:}"}
        local i
        for i in "${!COMPREPLY[@]}"; do
            COMPREPLY[i]=${COMPREPLY[i]#"$colon"}
        done
    fi
}

complete -o default -F __rpod_complete rpod
