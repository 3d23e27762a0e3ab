# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_rpod_global_optspecs
    string join \n v/version out= noout D/debug root= runroot= log-level= syslog storage-driver= storage-opt= default-mounts-file= tmpdir= runtime= runtime-flag= volumepath= hooks-dir= events-backend= module= h/help
end

function __fish_rpod_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_rpod_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_rpod_using_subcommand
    set -l cmd (__fish_rpod_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c rpod -n "__fish_rpod_needs_command" -l out -d 'Send output (stdout) from rpod to a file' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_needs_command" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_needs_command" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_needs_command" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_needs_command" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_needs_command" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_needs_command" -l module -d 'Load the containers.conf(5) module (a path, or a name in the containers.conf.modules directories); before the command only' -r
complete -c rpod -n "__fish_rpod_needs_command" -s v -l version -d 'Print the version and exit'
complete -c rpod -n "__fish_rpod_needs_command" -l noout -d 'Do not output to stdout'
complete -c rpod -n "__fish_rpod_needs_command" -s D -l debug -d 'Docker compatibility, force setting of log-level'
complete -c rpod -n "__fish_rpod_needs_command" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_needs_command" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "buildx" -d 'Docker\'s spelling of build: `buildx build`'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "run" -d 'Run a command in a new container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "create" -d 'Create a container without starting it'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "start" -d 'Start created or exited containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "stop" -d 'Stop running containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "kill" -d 'Send a signal to running containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "rm" -d 'Remove containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "logs" -d 'Show a container\'s output'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "update" -d 'Update an existing container\'s resource limits, restart policy and healthcheck'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "restart" -d 'Stop and start containers again'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "pause" -d 'Pause all the processes in containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "unpause" -d 'Unpause the processes in paused containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "top" -d 'Show the processes running in a container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "stats" -d 'Display a live stream of container resource usage statistics'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "exec" -d 'Run a command in a running container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "attach" -d 'Attach to a running container (detach with ctrl-p,ctrl-q)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "port" -d 'List a container\'s published ports'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "export" -d 'Export a container\'s file system as a tar archive'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "ps" -d 'List containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "container" -d 'Manage containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "secret" -d 'Manage secrets'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "pod" -d 'Manage pods'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "network" -d 'Manage networks'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "healthcheck" -d 'Run container healthchecks'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "images" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "image-ls" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "image" -d 'Manage images'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "inspect" -d 'Display the configuration of an object'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "untag" -d 'Remove a name from a local image'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "save" -d 'Save images to an archive or a directory'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "load" -d 'Load images from an archive or a directory'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "import" -d 'Import a tarball as a one-layer image'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "push" -d 'Push an image to a registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "diff" -d 'Inspect changes to a container\'s or image\'s file systems'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "mount" -d 'Mount a working container\'s root filesystem'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "umount" -d 'Unmount working containers\' root filesystems'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "unmount" -d 'Unmount working containers\' root filesystems'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "login" -d 'Log in to a container registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "logout" -d 'Log out of a container registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "unshare" -d 'Run a command in a modified user namespace'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "info" -d 'Display rpod system information'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "events" -d 'Show rpod events'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "system" -d 'Manage rpod'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "version" -d 'Display the rpod version information'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "completion" -d 'Generate shell autocompletions'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "quadlet" -d 'Generate systemd units from Quadlet files (.container, .volume, .network)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "compose" -d 'Define and run multi-container applications (Docker Compose\'s verbs)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "generate" -d 'Generate structured data (systemd units, Kubernetes YAML) from containers and pods'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "kube" -d 'Play and generate Kubernetes YAML'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "play" -d 'Play Kubernetes YAML (podman\'s older spelling of `kube play`)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "internal" -d 'Internal commands for rpod\'s own build and tests'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l platform -d 'Specify the platform for selecting the image.  (Conflicts with arch and os)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l arch -d 'Use ARCH instead of the architecture of the machine' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l os -d 'Use OS instead of the running OS' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l creds -d 'Use USERNAME[:PASSWORD] for accessing the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l authfile -d 'Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l cert-dir -d 'Use certificates at PATH (*.crt, *.cert, *.key) to connect to the registry (default: its certs.d directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l retry -d 'Number of times to retry in case of failure when performing pull (default 3, or containers.conf\'s engine.retry)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l retry-delay -d 'Delay between retries in case of pull failures, e.g. 5s (default: 2s, doubling; or containers.conf\'s engine.retry_delay)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l disable-content-trust -d 'This is a Docker specific option and is a NOOP'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand build" -s t -l tag -d 'Name (and optionally tag) the resulting image' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -s f -l file -d 'The Containerfile ("-" for standard input); given more than once, the files are read as one, in order' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l build-arg -d 'Set a build argument: NAME=VALUE, or NAME to take it from the environment' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l build-arg-file -d 'Read build arguments from a file of NAME=VALUE lines' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l target -d 'Build the stage with this name (or index) and the stages it needs' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l layers -d 'Cache intermediate steps (default: $BUILDAH_LAYERS, else true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l format -d 'Image format: oci or docker' -r -f -a "oci\t''
docker\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l pull -d 'Pull base images: missing, always, never, newer (default "missing")' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l platform -d 'Build for this platform: OS/ARCH[/VARIANT]' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l ignorefile -d 'An ignore file instead of .containerignore/.dockerignore' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l secret -d 'A secret for RUN --mount=type=secret: id=ID,src=PATH or id=ID,env=VAR' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l ssh -d 'An SSH agent for RUN --mount=type=ssh: default (SSH_AUTH_SOCK) or ID=SOCKET' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l authfile -d 'Credentials file for pulling base images (default: auth.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l tls-verify -d 'Require HTTPS and verify certificates when pulling base images' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l creds -d 'Credentials for pulling base images: USERNAME[:PASSWORD]' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cert-dir -d 'Certificates for pulling base images (*.crt, *.cert, *.key)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l logfile -d 'Write the build\'s output to this file instead of the terminal' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l jobs -d 'How many stages may run at once (rpod builds them in order)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l ulimit -d 'Resource limit of RUN steps: TYPE=SOFT[:HARD]' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cap-add -d 'Add a capability to RUN steps' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cap-drop -d 'Drop a capability from RUN steps' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l security-opt -d 'Security options of RUN steps (seccomp=PROFILE|unconfined, no-new-privileges, mask=, unmask=)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l network -d 'Network of RUN steps: none, host, or a network mode as `run --network` takes' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -s v -l volume -d 'Bind mount for RUN steps: HOST-PATH:CONTAINER-PATH[:ro]' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l label -d 'Add a label to the image: KEY=VALUE' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l env -d 'Set an environment variable in the image: KEY=VALUE' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l unsetenv -d 'Unset an environment variable in the final image' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l no-cache -d 'Do not use cached steps'
complete -c rpod -n "__fish_rpod_using_subcommand build" -s q -l quiet -d 'Print only the image ID'
complete -c rpod -n "__fish_rpod_using_subcommand build" -l pull-never -d 'Never pull base images (same as --pull=never)'
complete -c rpod -n "__fish_rpod_using_subcommand build" -l squash -d 'Squash the layers the build makes into one (the base image\'s stay)'
complete -c rpod -n "__fish_rpod_using_subcommand build" -l squash-all -d 'Squash all layers, the base image\'s too, into one'
complete -c rpod -n "__fish_rpod_using_subcommand build" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand build" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -f -a "version" -d 'Show the version of the builder (rpod\'s own)'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and not __fish_seen_subcommand_from build version help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name (and optionally tag) the resulting image' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -s f -l file -d 'The Containerfile ("-" for standard input); given more than once, the files are read as one, in order' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l build-arg -d 'Set a build argument: NAME=VALUE, or NAME to take it from the environment' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l build-arg-file -d 'Read build arguments from a file of NAME=VALUE lines' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l target -d 'Build the stage with this name (or index) and the stages it needs' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l layers -d 'Cache intermediate steps (default: $BUILDAH_LAYERS, else true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l format -d 'Image format: oci or docker' -r -f -a "oci\t''
docker\t''"
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l pull -d 'Pull base images: missing, always, never, newer (default "missing")' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l platform -d 'Build for this platform: OS/ARCH[/VARIANT]' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l ignorefile -d 'An ignore file instead of .containerignore/.dockerignore' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l secret -d 'A secret for RUN --mount=type=secret: id=ID,src=PATH or id=ID,env=VAR' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l ssh -d 'An SSH agent for RUN --mount=type=ssh: default (SSH_AUTH_SOCK) or ID=SOCKET' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l authfile -d 'Credentials file for pulling base images (default: auth.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates when pulling base images' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l creds -d 'Credentials for pulling base images: USERNAME[:PASSWORD]' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cert-dir -d 'Certificates for pulling base images (*.crt, *.cert, *.key)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l logfile -d 'Write the build\'s output to this file instead of the terminal' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l jobs -d 'How many stages may run at once (rpod builds them in order)' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l ulimit -d 'Resource limit of RUN steps: TYPE=SOFT[:HARD]' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cap-add -d 'Add a capability to RUN steps' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cap-drop -d 'Drop a capability from RUN steps' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l security-opt -d 'Security options of RUN steps (seccomp=PROFILE|unconfined, no-new-privileges, mask=, unmask=)' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l network -d 'Network of RUN steps: none, host, or a network mode as `run --network` takes' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -s v -l volume -d 'Bind mount for RUN steps: HOST-PATH:CONTAINER-PATH[:ro]' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l label -d 'Add a label to the image: KEY=VALUE' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l env -d 'Set an environment variable in the image: KEY=VALUE' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l unsetenv -d 'Unset an environment variable in the final image' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use cached steps'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print only the image ID'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l pull-never -d 'Never pull base images (same as --pull=never)'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l squash -d 'Squash the layers the build makes into one (the base image\'s stay)'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l squash-all -d 'Squash all layers, the base image\'s too, into one'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from version" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from version" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from version" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from version" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from version" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from version" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from version" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from version" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from version" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from version" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from version" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from version" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from version" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from version" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from help" -f -a "version" -d 'Show the version of the builder (rpod\'s own)'
complete -c rpod -n "__fish_rpod_using_subcommand buildx; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l log-driver -d 'Logging driver for the container' -r -f -a "k8s-file\t''
json-file\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l log-opt -d 'Logging driver options' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s l -l label -d 'Set metadata on container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l stop-signal -d 'Signal to stop a container. Default is SIGTERM' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l stop-timeout -d 'Timeout (in seconds) that containers stopped by user command have to exit. If exceeded, the container will be forcibly stopped via SIGKILL' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l requires -d 'Add one or more requirement containers that must be started before this container will start' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l timeout -d 'Maximum length of time a container is allowed to run. The container will be killed automatically after the time expires' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l sdnotify -d 'How readiness reaches systemd\'s NOTIFY_SOCKET: conmon (rpod\'s monitor reports READY=1 once the command runs), container (the container gets its own NOTIFY_SOCKET and sends READY=1 itself; the monitor relays it), healthy (the monitor reports READY=1 once the healthcheck first passes) or ignore' -r -f -a "conmon\t''
container\t''
healthy\t''
ignore\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cgroups -d 'cgroup handling: enabled, disabled, no-conmon or split (accepted and ignored: as root every container gets its own cgroup, rootless on cgroup v1 none)' -r -f -a "enabled\t''
disabled\t''
no-conmon\t''
split\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cgroup-parent -d 'Optional parent cgroup for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l userns -d 'User namespace mode: host (rpod\'s default mapping), keep-id[:uid=N,gid=N,size=N] (your uid and gid inside too), nomap (your own ids not mapped), auto[:size=N,uidmapping=C:H:N,gidmapping=C:H:N] (a range no other auto container uses), ns:PATH (join that user namespace)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l uidmap -d 'UID map to use for the user namespace' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l gidmap -d 'GID map to use for the user namespace' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l subuidname -d 'Name of range listed in /etc/subuid for use in user namespace' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l subgidname -d 'Name of range listed in /etc/subgid for use in user namespace' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l group-add -d 'Add additional groups to the primary container process. \'keep-groups\' allows container processes to use supplementary groups' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l hostuser -d 'Host user account to add to /etc/passwd within container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l passwd -d 'Allow rpod to add entries to /etc/passwd and /etc/group when used in conjunction with the --user option (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l passwd-entry -d 'Entry to write to /etc/passwd' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l group-entry -d 'Entry written to /etc/group for --user\'s group ($GROUPNAME, $GID, $USERLIST are replaced)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l image-volume -d 'Tells rpod how to handle the builtin image volumes ("bind"|"tmpfs"|"ignore")' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l umask -d 'Set umask in container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l tz -d 'Set timezone in container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l detach-keys -d 'Keys that detach from `-it` (a letter or ctrl-<letter>, comma-separated)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l sig-proxy -d 'Proxy received signals to the process (default true; false: the container runs under its own monitor and a signal to rpod leaves it running)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l conmon-pidfile -d 'Path to the file that will receive the PID of conmon (rpod\'s monitor process, at each start)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pidfile -d 'Write the container process ID to the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -s e -l env -d 'Set environment variables in container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l env-host -d 'Use all current host environment variables in container' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l unsetenv -d 'Leave out a default variable (rpod\'s, containers.conf\'s or the image\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l env-merge -d 'Preprocess environment variables from image before injecting them into the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l annotation -d 'Add annotations to container (key=value)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l expose -d 'Expose a port or a range of ports' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l secret -d 'Add secret to container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s h -l hostname -d 'Set container hostname' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pod -d 'Run container in an existing pod' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pod-id-file -d 'Read the pod ID from the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l read-only -d 'Make containers root filesystem read-only' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l read-only-tmpfs -d 'When running --read-only containers, mount read-write tmpfs on /dev, /dev/shm, /run, /tmp, and /var/tmp' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l shm-size -d 'Size of /dev/shm (e.g. 256m; default 64m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l sysctl -d 'Sysctl options' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l tmpfs -d 'Mount a tmpfs on this path' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s v -l volume -d 'Bind mount a volume into the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l volumes-from -d 'Mount volumes from the specified container(s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l mount -d 'Attach a filesystem mount to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cap-add -d 'Add capabilities to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cap-drop -d 'Drop capabilities from the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l privileged -d 'Give extended privileges to container' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l security-opt -d 'Security options: seccomp=unconfined|PROFILE.json, no-new-privileges[=true|false], mask=PATHS, unmask=ALL|PATHS, systempaths=unconfined; label=… and apparmor=unconfined are accepted and ignored' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l ulimit -d 'Ulimit options' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l network -l net -d 'Connect a container to a network' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l network-alias -d 'Add network-scoped alias for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l ip -d 'Specify a static IPv4 address for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l mac-address -d 'Container MAC address (e.g. 92:d0:c6:0a:29:33)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s p -l publish -d 'Publish a container\'s port, or a range of ports, to the host' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l dns -d 'Set custom DNS servers' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l dns-search -d 'Set custom DNS search domains' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l dns-option -d 'Set custom DNS options' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l add-host -d 'Add a custom host-to-IP mapping (host:ip)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l hosts-file -d 'Base file to create the /etc/hosts file inside the container, or one of the special values. ("image"|"none")' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l init -d 'Run an init binary inside the container that forwards signals and reaps processes' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l name -d 'Assign a name to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-cmd -d 'set a healthcheck command for the container (\'none\' disables the existing healthcheck)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-interval -d 'Time between healthchecks (e.g. 30s, 1m30s), or disable for no timer' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-retries -d 'the number of retries allowed before a healthcheck is considered to be unhealthy' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-timeout -d 'the maximum time allowed to complete the healthcheck before an interval is considered failed' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-start-period -d 'the initialization time needed for a container to bootstrap' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-start-interval -d 'Time between healthchecks during the start period' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-on-failure -d 'action to take once the container turns unhealthy' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-log-destination -d 'Where healthcheck results are kept: local, events_logger or a directory' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-max-log-count -d 'Healthcheck results kept (0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-max-log-size -d 'Characters of each healthcheck\'s output kept (0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-startup-cmd -d 'Startup healthcheck command, run until it passes; then the regular healthcheck begins' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-startup-interval -d 'Time between startup healthchecks' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-startup-retries -d 'Startup healthcheck failures that restart the container (0: no limit)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-startup-success -d 'Startup healthcheck successes in a row before the regular healthcheck begins (0: one)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-startup-timeout -d 'A startup healthcheck running longer than this fails and is killed' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pull -d 'Pull image policy' -r -f -a "missing\t''
always\t''
never\t''
newer\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l authfile -d 'Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries for pulling images' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l creds -d 'Credentials for the pull: USERNAME[:PASSWORD]' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cert-dir -d 'Certificates for the pull (*.crt, *.cert, *.key)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l retry -d 'Times to retry a failing pull' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l retry-delay -d 'Delay between pull retries (e.g. 2s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l platform -d 'Specify the platform for selecting the image.  (Conflicts with --arch and --os)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l arch -d 'Use ARCH instead of the architecture of the machine for choosing images' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l os -d 'Use OS instead of the running OS for choosing images' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l http-proxy -d 'Set proxy environment variables in the container based on the host proxy vars' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -s m -l memory -d 'Memory limit: a number with an optional unit b, k, m or g (e.g. 512m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l memory-reservation -d 'Memory soft limit (e.g. 256m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100, or -1 for system default)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l kernel-memory -d 'Kernel memory limit (ignored, as podman 5 ignores it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpus -d 'Number of CPUs. The default is 0.000 which means no limit' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpu-rt-period -d 'Limit the CPU real-time period in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpuset-mems -d 'Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l blkio-weight -d 'Block IO weight (relative weight) accepts a weight value between 10 and 1000' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (e.g. --device-read-bps=/dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (e.g. --device-write-bps=/dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l device-read-iops -d 'Limit read rate (IO per second) from a device (e.g. --device-read-iops=/dev/sda:1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l device-write-iops -d 'Limit write rate (IO per second) to a device (e.g. --device-write-iops=/dev/sda:1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l oom-score-adj -d 'Tune the host\'s OOM preferences (-1000 to 1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pid -d 'PID namespace to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l ipc -d 'IPC namespace to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l uts -d 'UTS namespace to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cgroupns -d 'cgroup namespace to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l device -d 'Add a host device to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l gpus -d 'GPU devices to add to the container (\'all\' to pass all GPUs)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l device-cgroup-rule -d 'Add a rule to the cgroup allowed devices list' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l systemd -d 'Run container in systemd mode ("true"|"false"|"always")' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l shm-size-systemd -d 'Size of systemd mode\'s tmpfs mounts (/run, /run/lock, /tmp, /var/log/journal)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l preserve-fds -d 'Pass a number of additional file descriptors into the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l rm -d 'Remove the container when it exits'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l rmi -d 'Remove image unless used by other containers, implies --rm'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s d -l detach -d 'Run container in background and print container ID'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l replace -d 'If a container with the same name exists, replace it'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s i -l interactive -d 'Keep stdin open'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-TTY for container'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l unsetenv-all -d 'Unset all default environment variables in container'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s P -l publish-all -d 'Publish all exposed ports to random ports on the host interface'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l no-hosts -d 'Do not create /etc/hosts within the container, instead use the version from the image'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l disable-content-trust -d 'This is a Docker specific option and is a NOOP'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l no-hostname -d 'Do not create /etc/hostname for the container: the image\'s (if any) is used'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l no-healthcheck -d 'Disable healthchecks on container'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l rootfs -d 'The first argument is not an image but the rootfs to the exploded container'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l log-driver -d 'Logging driver for the container' -r -f -a "k8s-file\t''
json-file\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l log-opt -d 'Logging driver options' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s l -l label -d 'Set metadata on container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l stop-signal -d 'Signal to stop a container. Default is SIGTERM' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l stop-timeout -d 'Timeout (in seconds) that containers stopped by user command have to exit. If exceeded, the container will be forcibly stopped via SIGKILL' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l requires -d 'Add one or more requirement containers that must be started before this container will start' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l timeout -d 'Maximum length of time a container is allowed to run. The container will be killed automatically after the time expires' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l sdnotify -d 'How readiness reaches systemd\'s NOTIFY_SOCKET: conmon (rpod\'s monitor reports READY=1 once the command runs), container (the container gets its own NOTIFY_SOCKET and sends READY=1 itself; the monitor relays it), healthy (the monitor reports READY=1 once the healthcheck first passes) or ignore' -r -f -a "conmon\t''
container\t''
healthy\t''
ignore\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cgroups -d 'cgroup handling: enabled, disabled, no-conmon or split (accepted and ignored: as root every container gets its own cgroup, rootless on cgroup v1 none)' -r -f -a "enabled\t''
disabled\t''
no-conmon\t''
split\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cgroup-parent -d 'Optional parent cgroup for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l userns -d 'User namespace mode: host (rpod\'s default mapping), keep-id[:uid=N,gid=N,size=N] (your uid and gid inside too), nomap (your own ids not mapped), auto[:size=N,uidmapping=C:H:N,gidmapping=C:H:N] (a range no other auto container uses), ns:PATH (join that user namespace)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l uidmap -d 'UID map to use for the user namespace' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l gidmap -d 'GID map to use for the user namespace' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l subuidname -d 'Name of range listed in /etc/subuid for use in user namespace' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l subgidname -d 'Name of range listed in /etc/subgid for use in user namespace' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l group-add -d 'Add additional groups to the primary container process. \'keep-groups\' allows container processes to use supplementary groups' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l hostuser -d 'Host user account to add to /etc/passwd within container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l passwd -d 'Allow rpod to add entries to /etc/passwd and /etc/group when used in conjunction with the --user option (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l passwd-entry -d 'Entry to write to /etc/passwd' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l group-entry -d 'Entry written to /etc/group for --user\'s group ($GROUPNAME, $GID, $USERLIST are replaced)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l image-volume -d 'Tells rpod how to handle the builtin image volumes ("bind"|"tmpfs"|"ignore")' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l umask -d 'Set umask in container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l tz -d 'Set timezone in container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l conmon-pidfile -d 'Path to the file that will receive the PID of conmon (rpod\'s monitor process, at each start)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pidfile -d 'Write the container process ID to the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -s e -l env -d 'Set environment variables in container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l env-host -d 'Use all current host environment variables in container' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l unsetenv -d 'Leave out a default variable (rpod\'s, containers.conf\'s or the image\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l env-merge -d 'Preprocess environment variables from image before injecting them into the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l annotation -d 'Add annotations to container (key=value)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l expose -d 'Expose a port or a range of ports' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l secret -d 'Add secret to container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s h -l hostname -d 'Set container hostname' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pod -d 'Run container in an existing pod' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pod-id-file -d 'Read the pod ID from the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l read-only -d 'Make containers root filesystem read-only' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l read-only-tmpfs -d 'When running --read-only containers, mount read-write tmpfs on /dev, /dev/shm, /run, /tmp, and /var/tmp' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l shm-size -d 'Size of /dev/shm (e.g. 256m; default 64m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l sysctl -d 'Sysctl options' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l tmpfs -d 'Mount a tmpfs on this path' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s v -l volume -d 'Bind mount a volume into the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l volumes-from -d 'Mount volumes from the specified container(s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l mount -d 'Attach a filesystem mount to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cap-add -d 'Add capabilities to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cap-drop -d 'Drop capabilities from the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l privileged -d 'Give extended privileges to container' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l security-opt -d 'Security options: seccomp=unconfined|PROFILE.json, no-new-privileges[=true|false], mask=PATHS, unmask=ALL|PATHS, systempaths=unconfined; label=… and apparmor=unconfined are accepted and ignored' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l ulimit -d 'Ulimit options' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l network -l net -d 'Connect a container to a network' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l network-alias -d 'Add network-scoped alias for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l ip -d 'Specify a static IPv4 address for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l mac-address -d 'Container MAC address (e.g. 92:d0:c6:0a:29:33)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s p -l publish -d 'Publish a container\'s port, or a range of ports, to the host' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l dns -d 'Set custom DNS servers' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l dns-search -d 'Set custom DNS search domains' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l dns-option -d 'Set custom DNS options' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l add-host -d 'Add a custom host-to-IP mapping (host:ip)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l hosts-file -d 'Base file to create the /etc/hosts file inside the container, or one of the special values. ("image"|"none")' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l init -d 'Run an init binary inside the container that forwards signals and reaps processes' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l name -d 'Assign a name to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-cmd -d 'set a healthcheck command for the container (\'none\' disables the existing healthcheck)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-interval -d 'Time between healthchecks (e.g. 30s, 1m30s), or disable for no timer' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-retries -d 'the number of retries allowed before a healthcheck is considered to be unhealthy' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-timeout -d 'the maximum time allowed to complete the healthcheck before an interval is considered failed' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-start-period -d 'the initialization time needed for a container to bootstrap' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-start-interval -d 'Time between healthchecks during the start period' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-on-failure -d 'action to take once the container turns unhealthy' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-log-destination -d 'Where healthcheck results are kept: local, events_logger or a directory' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-max-log-count -d 'Healthcheck results kept (0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-max-log-size -d 'Characters of each healthcheck\'s output kept (0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-startup-cmd -d 'Startup healthcheck command, run until it passes; then the regular healthcheck begins' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-startup-interval -d 'Time between startup healthchecks' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-startup-retries -d 'Startup healthcheck failures that restart the container (0: no limit)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-startup-success -d 'Startup healthcheck successes in a row before the regular healthcheck begins (0: one)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-startup-timeout -d 'A startup healthcheck running longer than this fails and is killed' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pull -d 'Pull image policy' -r -f -a "missing\t''
always\t''
never\t''
newer\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l authfile -d 'Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries for pulling images' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l creds -d 'Credentials for the pull: USERNAME[:PASSWORD]' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cert-dir -d 'Certificates for the pull (*.crt, *.cert, *.key)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l retry -d 'Times to retry a failing pull' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l retry-delay -d 'Delay between pull retries (e.g. 2s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l platform -d 'Specify the platform for selecting the image.  (Conflicts with --arch and --os)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l arch -d 'Use ARCH instead of the architecture of the machine for choosing images' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l os -d 'Use OS instead of the running OS for choosing images' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l http-proxy -d 'Set proxy environment variables in the container based on the host proxy vars' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -s m -l memory -d 'Memory limit: a number with an optional unit b, k, m or g (e.g. 512m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l memory-reservation -d 'Memory soft limit (e.g. 256m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100, or -1 for system default)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l kernel-memory -d 'Kernel memory limit (ignored, as podman 5 ignores it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpus -d 'Number of CPUs. The default is 0.000 which means no limit' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpu-rt-period -d 'Limit the CPU real-time period in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpuset-mems -d 'Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l blkio-weight -d 'Block IO weight (relative weight) accepts a weight value between 10 and 1000' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (e.g. --device-read-bps=/dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (e.g. --device-write-bps=/dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l device-read-iops -d 'Limit read rate (IO per second) from a device (e.g. --device-read-iops=/dev/sda:1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l device-write-iops -d 'Limit write rate (IO per second) to a device (e.g. --device-write-iops=/dev/sda:1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l oom-score-adj -d 'Tune the host\'s OOM preferences (-1000 to 1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pid -d 'PID namespace to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l ipc -d 'IPC namespace to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l uts -d 'UTS namespace to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cgroupns -d 'cgroup namespace to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l device -d 'Add a host device to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l gpus -d 'GPU devices to add to the container (\'all\' to pass all GPUs)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l device-cgroup-rule -d 'Add a rule to the cgroup allowed devices list' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l systemd -d 'Run container in systemd mode ("true"|"false"|"always")' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l shm-size-systemd -d 'Size of systemd mode\'s tmpfs mounts (/run, /run/lock, /tmp, /var/log/journal)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l sig-proxy -d 'Proxy received signals to the process (default true; false: the container runs under its own monitor and a signal to rpod leaves it running)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l detach-keys -d 'Keys that detach from `-it` (a letter or ctrl-<letter>, comma-separated)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l preserve-fds -d 'Pass a number of additional file descriptors into the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l rm -d 'Remove the container when it exits'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l replace -d 'If a container with the same name exists, replace it'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s i -l interactive -d 'Keep stdin open'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-TTY for container'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l unsetenv-all -d 'Unset all default environment variables in container'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s P -l publish-all -d 'Publish all exposed ports to random ports on the host interface'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l no-hosts -d 'Do not create /etc/hosts within the container, instead use the version from the image'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l disable-content-trust -d 'This is a Docker specific option and is a NOOP'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l no-hostname -d 'Do not create /etc/hostname for the container: the image\'s (if any) is used'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l no-healthcheck -d 'Disable healthchecks on container'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l rootfs -d 'The first argument is not an image but the rootfs to the exploded container'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l rmi -d 'Remove image unless used by other containers, implies --rm'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s d -l detach -d 'Run container in background and print container ID'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand start" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c rpod -n "__fish_rpod_using_subcommand start" -l detach-keys -d 'Select the key sequence for detaching a container (a letter or ctrl-<letter>, comma-separated)' -r
complete -c rpod -n "__fish_rpod_using_subcommand start" -l sig-proxy -d 'Proxy received signals to the process' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand start" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand start" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand start" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand start" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand start" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand start" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand start" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand start" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand start" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand start" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand start" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand start" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand start" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand start" -l all -d 'Start all containers regardless of their state or configuration'
complete -c rpod -n "__fish_rpod_using_subcommand start" -s a -l attach -d 'Attach container\'s STDOUT and STDERR'
complete -c rpod -n "__fish_rpod_using_subcommand start" -s i -l interactive -d 'Keep stdin attached (with --attach)'
complete -c rpod -n "__fish_rpod_using_subcommand start" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand start" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s t -l time -d 'Seconds to wait for stop before killing the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s a -l all -d 'Stop all running containers'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s i -l ignore -d 'Ignore errors when a specified container is missing'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand kill" -s s -l signal -d 'The signal to send (name or number)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kill" -s a -l all -d 'Signal all running containers'
complete -c rpod -n "__fish_rpod_using_subcommand kill" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand kill" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l condition -d 'Condition to wait on' -r -f -a "stopped\t''
exited\t''
running\t''
created\t''
paused\t''
stopping\t''
removing\t''
healthy\t''
unhealthy\t''"
complete -c rpod -n "__fish_rpod_using_subcommand wait" -s i -l interval -d 'Time Interval to wait before polling for completion (a Go duration, or milliseconds; rpod looks every 20ms unless told)' -r
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand wait" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l ignore -d 'Ignore if a container does not exist (its exit code shows as -1)'
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l exit-first-match -d 'Wait for exit of first container which matches conditions, ignore other ones'
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand wait" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l filter -d 'Filter output based on conditions given' -r
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s t -l time -d 'Seconds to wait for stop before killing the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s f -l force -d 'Force removal of a running or unusable container'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s a -l all -d 'Remove all containers'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s i -l ignore -d 'Ignore errors when a specified container is missing'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l depend -d 'Remove container and all containers that depend on the selected container'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l tail -d 'Output the specified number of LINES at the end of the logs.  Defaults to -1, which prints all lines' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l since -d 'Show logs since TIMESTAMP (RFC 3339, Unix time, or a duration such as 5m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l until -d 'Show logs until TIMESTAMP (RFC 3339, Unix time, or a duration such as 5m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s n -l names -d 'Output the container name in the log'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l color -d 'Output the containers with different colors in the log'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s f -l follow -d 'Follow log output.  The default is false'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s t -l timestamps -d 'Output the timestamps in the log'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l details -d 'Show extra details provided to the logs (podman\'s hidden no-op, for Docker)'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand rename" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand update" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped (takes effect for the running container)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l ulimit -d 'Resource limit: TYPE=SOFT[:HARD], or host (applies from the next start)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -s e -l env -d 'Set environment variables: NAME=VALUE, or NAME for this shell\'s value (from the next start)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l unsetenv -d 'Remove environment variables (from the next start)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-cmd -d 'set a healthcheck command for the container (\'none\' disables the existing healthcheck)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-interval -d 'Time between healthchecks (e.g. 30s, 1m30s), or disable for no timer' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-retries -d 'the number of retries allowed before a healthcheck is considered to be unhealthy' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-timeout -d 'the maximum time allowed to complete the healthcheck before an interval is considered failed' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-start-period -d 'the initialization time needed for a container to bootstrap' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-start-interval -d 'Time between healthchecks during the start period' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-on-failure -d 'action to take once the container turns unhealthy' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-log-destination -d 'Where healthcheck results are kept: local, events_logger or a directory' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-max-log-count -d 'Healthcheck results kept (0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-max-log-size -d 'Characters of each healthcheck\'s output kept (0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-startup-cmd -d 'Startup healthcheck command, run until it passes; then the regular healthcheck begins' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-startup-interval -d 'Time between startup healthchecks' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-startup-retries -d 'Startup healthcheck failures that restart the container (0: no limit)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-startup-success -d 'Startup healthcheck successes in a row before the regular healthcheck begins (0: one)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-startup-timeout -d 'A startup healthcheck running longer than this fails and is killed' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -s m -l memory -d 'Memory limit: a number with an optional unit b, k, m or g (e.g. 512m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l memory-reservation -d 'Memory soft limit (e.g. 256m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100, or -1 for system default)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l kernel-memory -d 'Kernel memory limit (ignored, as podman 5 ignores it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpus -d 'Number of CPUs. The default is 0.000 which means no limit' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpu-rt-period -d 'Limit the CPU real-time period in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpuset-mems -d 'Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l blkio-weight -d 'Block IO weight (relative weight) accepts a weight value between 10 and 1000' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (e.g. --device-read-bps=/dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (e.g. --device-write-bps=/dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l device-read-iops -d 'Limit read rate (IO per second) from a device (e.g. --device-read-iops=/dev/sda:1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l device-write-iops -d 'Limit write rate (IO per second) to a device (e.g. --device-write-iops=/dev/sda:1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l oom-score-adj -d 'Tune the host\'s OOM preferences (-1000 to 1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand update" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand update" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand update" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand update" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand update" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand update" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand update" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand update" -s l -l latest -d 'Act on the latest container rpod created'
complete -c rpod -n "__fish_rpod_using_subcommand update" -l no-healthcheck -d 'Disable healthchecks on container'
complete -c rpod -n "__fish_rpod_using_subcommand update" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c rpod -n "__fish_rpod_using_subcommand update" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand update" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c rpod -n "__fish_rpod_using_subcommand restart" -s t -l time -d 'Seconds to wait for stop before killing the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand restart" -s a -l all -d 'Restart all non-running containers'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l running -d 'Restart only running containers'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l cidfile -d 'Read the container ID from this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pause" -s a -l all -d 'All running containers (`unpause`: all paused ones)'
complete -c rpod -n "__fish_rpod_using_subcommand pause" -s l -l latest -d 'Act on the latest container'
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l cidfile -d 'Read the container ID from this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -s a -l all -d 'All running containers (`unpause`: all paused ones)'
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -s l -l latest -d 'Act on the latest container'
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand top" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand top" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand top" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand top" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand top" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand top" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand top" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand top" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand top" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand top" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand top" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand top" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand top" -s l -l latest -d 'Act on the latest container (the arguments are then all descriptors)'
complete -c rpod -n "__fish_rpod_using_subcommand top" -l list-descriptors -d 'List the supported format descriptors'
complete -c rpod -n "__fish_rpod_using_subcommand top" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand top" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l format -d 'Format with a Go template, or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand stats" -s i -l interval -d 'Seconds between readings' -r
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand stats" -s a -l all -d 'Show all containers (not only the running ones)'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -s l -l latest -d 'Act on the latest container'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l no-stream -d 'Print one reading and exit'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l no-trunc -d 'Show full container IDs'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l no-reset -d 'Do not clear the screen between readings'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s u -l user -d 'Sets the username or UID used and optionally the groupname or GID for the specified command' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s e -l env -d 'Set environment variables' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l privileged -d 'Give the process extended Linux capabilities inside the container.  The default is false' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s i -l interactive -d 'Keep stdin open'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-TTY. The default is false'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s d -l detach -d 'Run the exec session in detached mode (backgrounded)'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l detach-keys -d 'Keys that detach: a letter or ctrl-<letter>, comma-separated' -r
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l sig-proxy -d 'Proxy received signals to the process' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand attach" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l no-stdin -d 'Do not attach STDIN. The default is false'
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand attach" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand port" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand port" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand port" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand port" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand port" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand port" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand port" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand port" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand port" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand port" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand port" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand port" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand port" -s a -l all -d 'Display port information for all containers'
complete -c rpod -n "__fish_rpod_using_subcommand port" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand port" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand port" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s a -l author -d 'Set the author of the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s c -l change -d 'Apply a Dockerfile instruction to the image (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s f -l format -d 'Format of the image manifest and metadata: oci or docker' -r -f -a "oci\t''
docker\t''"
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s m -l message -d 'Set the commit message (docker format only)' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s p -l pause -d 'Pause the container while committing (rpod cannot freeze containers yet: it warns and commits)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s q -l quiet -d 'Print only the image ID'
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand cp" -s a -l archive -d 'Chown copied files to the primary uid/gid of the destination container' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand cp" -s L -l follow-link -d 'Follow a symbolic link given as the source path'
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l overwrite -d 'Allow a directory to replace a non-directory and the other way round'
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand cp" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand export" -s o -l output -d 'Write to a file instead of stdout' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand export" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand export" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand export" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand export" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand export" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand export" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand export" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand export" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand export" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand export" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand export" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand export" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand export" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand export" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s n -l last -d 'Print the n last created containers (all states)' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l format -d 'Pretty-print containers to JSON or using a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l sort -d 'Sort output by: command, created, id, image, names, runningfor, size, status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s w -l watch -d 'Watch the ps output on an interval in seconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s a -l all -d 'Show all the containers, default is only running containers'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s q -l quiet -d 'Print the numeric IDs of the containers only'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l no-trunc -d 'Display the extended information'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l noheading -d 'Do not print headers'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s p -l pod -d 'Print the ID and name of the pod the containers are associated with'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l external -d 'Show containers in storage not controlled by rpod'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s s -l size -d 'Display the total file sizes'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l ns -d 'Display namespace information'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l sync -d 'Sync container state with OCI runtime (rpod reads each container\'s state from its monitor at every command: nothing more to sync)'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "run" -d 'Run a command in a new container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "create" -d 'Create a container without starting it'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "start" -d 'Start created or exited containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "stop" -d 'Stop running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "kill" -d 'Send a signal to running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "rm" -d 'Remove containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "logs" -d 'Show a container\'s output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "update" -d 'Update an existing container\'s resource limits, restart policy and healthcheck'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "restart" -d 'Stop and start containers again'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "pause" -d 'Pause all the processes in containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "unpause" -d 'Unpause the processes in paused containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "top" -d 'Show the processes running in a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "stats" -d 'Display a live stream of container resource usage statistics'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "exec" -d 'Run a command in a running container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "attach" -d 'Attach to a running container (detach with ctrl-p,ctrl-q)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "port" -d 'List a container\'s published ports'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "export" -d 'Export a container\'s file system as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "list" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "ls" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "ps" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "inspect" -d 'Show containers\' configuration and state as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "cleanup" -d 'Clean up network and mountpoints of one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "exists" -d 'Exit 0 when the container exists, 1 when not'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "prune" -d 'Remove all stopped containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "diff" -d 'Inspect changes to a container\'s file system'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "mount" -d 'Mount a working container\'s root filesystem'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "umount" -d 'Unmount working containers\' root filesystems'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "unmount" -d 'Unmount working containers\' root filesystems'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export list ls ps inspect cleanup exists prune diff mount umount unmount help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l log-driver -d 'Logging driver for the container' -r -f -a "k8s-file\t''
json-file\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l log-opt -d 'Logging driver options' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s l -l label -d 'Set metadata on container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -d 'Signal to stop a container. Default is SIGTERM' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-timeout -d 'Timeout (in seconds) that containers stopped by user command have to exit. If exceeded, the container will be forcibly stopped via SIGKILL' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l requires -d 'Add one or more requirement containers that must be started before this container will start' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l timeout -d 'Maximum length of time a container is allowed to run. The container will be killed automatically after the time expires' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l sdnotify -d 'How readiness reaches systemd\'s NOTIFY_SOCKET: conmon (rpod\'s monitor reports READY=1 once the command runs), container (the container gets its own NOTIFY_SOCKET and sends READY=1 itself; the monitor relays it), healthy (the monitor reports READY=1 once the healthcheck first passes) or ignore' -r -f -a "conmon\t''
container\t''
healthy\t''
ignore\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroups -d 'cgroup handling: enabled, disabled, no-conmon or split (accepted and ignored: as root every container gets its own cgroup, rootless on cgroup v1 none)' -r -f -a "enabled\t''
disabled\t''
no-conmon\t''
split\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-parent -d 'Optional parent cgroup for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l userns -d 'User namespace mode: host (rpod\'s default mapping), keep-id[:uid=N,gid=N,size=N] (your uid and gid inside too), nomap (your own ids not mapped), auto[:size=N,uidmapping=C:H:N,gidmapping=C:H:N] (a range no other auto container uses), ns:PATH (join that user namespace)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l uidmap -d 'UID map to use for the user namespace' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l gidmap -d 'GID map to use for the user namespace' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l subuidname -d 'Name of range listed in /etc/subuid for use in user namespace' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l subgidname -d 'Name of range listed in /etc/subgid for use in user namespace' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l group-add -d 'Add additional groups to the primary container process. \'keep-groups\' allows container processes to use supplementary groups' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l hostuser -d 'Host user account to add to /etc/passwd within container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l passwd -d 'Allow rpod to add entries to /etc/passwd and /etc/group when used in conjunction with the --user option (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l passwd-entry -d 'Entry to write to /etc/passwd' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l group-entry -d 'Entry written to /etc/group for --user\'s group ($GROUPNAME, $GID, $USERLIST are replaced)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l image-volume -d 'Tells rpod how to handle the builtin image volumes ("bind"|"tmpfs"|"ignore")' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l umask -d 'Set umask in container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l tz -d 'Set timezone in container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l detach-keys -d 'Keys that detach from `-it` (a letter or ctrl-<letter>, comma-separated)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l sig-proxy -d 'Proxy received signals to the process (default true; false: the container runs under its own monitor and a signal to rpod leaves it running)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l conmon-pidfile -d 'Path to the file that will receive the PID of conmon (rpod\'s monitor process, at each start)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l pidfile -d 'Write the container process ID to the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s e -l env -d 'Set environment variables in container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l env-host -d 'Use all current host environment variables in container' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv -d 'Leave out a default variable (rpod\'s, containers.conf\'s or the image\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l env-merge -d 'Preprocess environment variables from image before injecting them into the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l annotation -d 'Add annotations to container (key=value)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l expose -d 'Expose a port or a range of ports' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l secret -d 'Add secret to container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s h -l hostname -d 'Set container hostname' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l pod -d 'Run container in an existing pod' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l pod-id-file -d 'Read the pod ID from the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only -d 'Make containers root filesystem read-only' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only-tmpfs -d 'When running --read-only containers, mount read-write tmpfs on /dev, /dev/shm, /run, /tmp, and /var/tmp' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l shm-size -d 'Size of /dev/shm (e.g. 256m; default 64m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l sysctl -d 'Sysctl options' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l tmpfs -d 'Mount a tmpfs on this path' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s v -l volume -d 'Bind mount a volume into the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l volumes-from -d 'Mount volumes from the specified container(s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l mount -d 'Attach a filesystem mount to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-add -d 'Add capabilities to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-drop -d 'Drop capabilities from the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l privileged -d 'Give extended privileges to container' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l security-opt -d 'Security options: seccomp=unconfined|PROFILE.json, no-new-privileges[=true|false], mask=PATHS, unmask=ALL|PATHS, systempaths=unconfined; label=… and apparmor=unconfined are accepted and ignored' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l ulimit -d 'Ulimit options' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l network -l net -d 'Connect a container to a network' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l network-alias -d 'Add network-scoped alias for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l ip -d 'Specify a static IPv4 address for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l mac-address -d 'Container MAC address (e.g. 92:d0:c6:0a:29:33)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s p -l publish -d 'Publish a container\'s port, or a range of ports, to the host' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l dns -d 'Set custom DNS servers' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-search -d 'Set custom DNS search domains' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-option -d 'Set custom DNS options' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l add-host -d 'Add a custom host-to-IP mapping (host:ip)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l hosts-file -d 'Base file to create the /etc/hosts file inside the container, or one of the special values. ("image"|"none")' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l init -d 'Run an init binary inside the container that forwards signals and reaps processes' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l name -d 'Assign a name to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-cmd -d 'set a healthcheck command for the container (\'none\' disables the existing healthcheck)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-interval -d 'Time between healthchecks (e.g. 30s, 1m30s), or disable for no timer' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-retries -d 'the number of retries allowed before a healthcheck is considered to be unhealthy' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-timeout -d 'the maximum time allowed to complete the healthcheck before an interval is considered failed' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-period -d 'the initialization time needed for a container to bootstrap' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-interval -d 'Time between healthchecks during the start period' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-on-failure -d 'action to take once the container turns unhealthy' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-log-destination -d 'Where healthcheck results are kept: local, events_logger or a directory' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-max-log-count -d 'Healthcheck results kept (0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-max-log-size -d 'Characters of each healthcheck\'s output kept (0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-cmd -d 'Startup healthcheck command, run until it passes; then the regular healthcheck begins' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-interval -d 'Time between startup healthchecks' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-retries -d 'Startup healthcheck failures that restart the container (0: no limit)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-success -d 'Startup healthcheck successes in a row before the regular healthcheck begins (0: one)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-timeout -d 'A startup healthcheck running longer than this fails and is killed' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l pull -d 'Pull image policy' -r -f -a "missing\t''
always\t''
never\t''
newer\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l authfile -d 'Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries for pulling images' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l creds -d 'Credentials for the pull: USERNAME[:PASSWORD]' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cert-dir -d 'Certificates for the pull (*.crt, *.cert, *.key)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l retry -d 'Times to retry a failing pull' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l retry-delay -d 'Delay between pull retries (e.g. 2s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l platform -d 'Specify the platform for selecting the image.  (Conflicts with --arch and --os)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l arch -d 'Use ARCH instead of the architecture of the machine for choosing images' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l os -d 'Use OS instead of the running OS for choosing images' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l http-proxy -d 'Set proxy environment variables in the container based on the host proxy vars' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s m -l memory -d 'Memory limit: a number with an optional unit b, k, m or g (e.g. 512m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-reservation -d 'Memory soft limit (e.g. 256m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100, or -1 for system default)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l kernel-memory -d 'Kernel memory limit (ignored, as podman 5 ignores it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpus -d 'Number of CPUs. The default is 0.000 which means no limit' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-rt-period -d 'Limit the CPU real-time period in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-mems -d 'Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight -d 'Block IO weight (relative weight) accepts a weight value between 10 and 1000' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (e.g. --device-read-bps=/dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (e.g. --device-write-bps=/dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-iops -d 'Limit read rate (IO per second) from a device (e.g. --device-read-iops=/dev/sda:1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-iops -d 'Limit write rate (IO per second) to a device (e.g. --device-write-iops=/dev/sda:1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-score-adj -d 'Tune the host\'s OOM preferences (-1000 to 1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l pid -d 'PID namespace to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l ipc -d 'IPC namespace to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l uts -d 'UTS namespace to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroupns -d 'cgroup namespace to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l device -d 'Add a host device to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l gpus -d 'GPU devices to add to the container (\'all\' to pass all GPUs)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l device-cgroup-rule -d 'Add a rule to the cgroup allowed devices list' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l systemd -d 'Run container in systemd mode ("true"|"false"|"always")' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l shm-size-systemd -d 'Size of systemd mode\'s tmpfs mounts (/run, /run/lock, /tmp, /var/log/journal)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l preserve-fds -d 'Pass a number of additional file descriptors into the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l rm -d 'Remove the container when it exits'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l rmi -d 'Remove image unless used by other containers, implies --rm'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run container in background and print container ID'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l replace -d 'If a container with the same name exists, replace it'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep stdin open'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s t -l tty -d 'Allocate a pseudo-TTY for container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv-all -d 'Unset all default environment variables in container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s P -l publish-all -d 'Publish all exposed ports to random ports on the host interface'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l no-hosts -d 'Do not create /etc/hosts within the container, instead use the version from the image'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l disable-content-trust -d 'This is a Docker specific option and is a NOOP'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l no-hostname -d 'Do not create /etc/hostname for the container: the image\'s (if any) is used'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l no-healthcheck -d 'Disable healthchecks on container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l rootfs -d 'The first argument is not an image but the rootfs to the exploded container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Logging driver for the container' -r -f -a "k8s-file\t''
json-file\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Logging driver options' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata on container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal to stop a container. Default is SIGTERM' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Timeout (in seconds) that containers stopped by user command have to exit. If exceeded, the container will be forcibly stopped via SIGKILL' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l requires -d 'Add one or more requirement containers that must be started before this container will start' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l timeout -d 'Maximum length of time a container is allowed to run. The container will be killed automatically after the time expires' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l sdnotify -d 'How readiness reaches systemd\'s NOTIFY_SOCKET: conmon (rpod\'s monitor reports READY=1 once the command runs), container (the container gets its own NOTIFY_SOCKET and sends READY=1 itself; the monitor relays it), healthy (the monitor reports READY=1 once the healthcheck first passes) or ignore' -r -f -a "conmon\t''
container\t''
healthy\t''
ignore\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroups -d 'cgroup handling: enabled, disabled, no-conmon or split (accepted and ignored: as root every container gets its own cgroup, rootless on cgroup v1 none)' -r -f -a "enabled\t''
disabled\t''
no-conmon\t''
split\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-parent -d 'Optional parent cgroup for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l userns -d 'User namespace mode: host (rpod\'s default mapping), keep-id[:uid=N,gid=N,size=N] (your uid and gid inside too), nomap (your own ids not mapped), auto[:size=N,uidmapping=C:H:N,gidmapping=C:H:N] (a range no other auto container uses), ns:PATH (join that user namespace)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l uidmap -d 'UID map to use for the user namespace' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l gidmap -d 'GID map to use for the user namespace' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l subuidname -d 'Name of range listed in /etc/subuid for use in user namespace' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l subgidname -d 'Name of range listed in /etc/subgid for use in user namespace' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l group-add -d 'Add additional groups to the primary container process. \'keep-groups\' allows container processes to use supplementary groups' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l hostuser -d 'Host user account to add to /etc/passwd within container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l passwd -d 'Allow rpod to add entries to /etc/passwd and /etc/group when used in conjunction with the --user option (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l passwd-entry -d 'Entry to write to /etc/passwd' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l group-entry -d 'Entry written to /etc/group for --user\'s group ($GROUPNAME, $GID, $USERLIST are replaced)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l image-volume -d 'Tells rpod how to handle the builtin image volumes ("bind"|"tmpfs"|"ignore")' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l umask -d 'Set umask in container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l tz -d 'Set timezone in container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l conmon-pidfile -d 'Path to the file that will receive the PID of conmon (rpod\'s monitor process, at each start)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pidfile -d 'Write the container process ID to the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set environment variables in container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l env-host -d 'Use all current host environment variables in container' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv -d 'Leave out a default variable (rpod\'s, containers.conf\'s or the image\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l env-merge -d 'Preprocess environment variables from image before injecting them into the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l annotation -d 'Add annotations to container (key=value)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l expose -d 'Expose a port or a range of ports' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l secret -d 'Add secret to container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l hostname -d 'Set container hostname' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pod -d 'Run container in an existing pod' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pod-id-file -d 'Read the pod ID from the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Make containers root filesystem read-only' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only-tmpfs -d 'When running --read-only containers, mount read-write tmpfs on /dev, /dev/shm, /run, /tmp, and /var/tmp' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l shm-size -d 'Size of /dev/shm (e.g. 256m; default 64m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l sysctl -d 'Sysctl options' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpfs -d 'Mount a tmpfs on this path' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Bind mount a volume into the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount volumes from the specified container(s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l mount -d 'Attach a filesystem mount to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add capabilities to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop capabilities from the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give extended privileges to container' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options: seccomp=unconfined|PROFILE.json, no-new-privileges[=true|false], mask=PATHS, unmask=ALL|PATHS, systempaths=unconfined; label=… and apparmor=unconfined are accepted and ignored' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l ulimit -d 'Ulimit options' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l network -l net -d 'Connect a container to a network' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l network-alias -d 'Add network-scoped alias for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l ip -d 'Specify a static IPv4 address for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l mac-address -d 'Container MAC address (e.g. 92:d0:c6:0a:29:33)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container\'s port, or a range of ports, to the host' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l dns -d 'Set custom DNS servers' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-search -d 'Set custom DNS search domains' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-option -d 'Set custom DNS options' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l add-host -d 'Add a custom host-to-IP mapping (host:ip)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l hosts-file -d 'Base file to create the /etc/hosts file inside the container, or one of the special values. ("image"|"none")' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run an init binary inside the container that forwards signals and reaps processes' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Assign a name to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-cmd -d 'set a healthcheck command for the container (\'none\' disables the existing healthcheck)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-interval -d 'Time between healthchecks (e.g. 30s, 1m30s), or disable for no timer' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-retries -d 'the number of retries allowed before a healthcheck is considered to be unhealthy' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-timeout -d 'the maximum time allowed to complete the healthcheck before an interval is considered failed' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-period -d 'the initialization time needed for a container to bootstrap' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-interval -d 'Time between healthchecks during the start period' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-on-failure -d 'action to take once the container turns unhealthy' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-log-destination -d 'Where healthcheck results are kept: local, events_logger or a directory' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-max-log-count -d 'Healthcheck results kept (0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-max-log-size -d 'Characters of each healthcheck\'s output kept (0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-cmd -d 'Startup healthcheck command, run until it passes; then the regular healthcheck begins' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-interval -d 'Time between startup healthchecks' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-retries -d 'Startup healthcheck failures that restart the container (0: no limit)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-success -d 'Startup healthcheck successes in a row before the regular healthcheck begins (0: one)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-timeout -d 'A startup healthcheck running longer than this fails and is killed' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'Pull image policy' -r -f -a "missing\t''
always\t''
never\t''
newer\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l authfile -d 'Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries for pulling images' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l creds -d 'Credentials for the pull: USERNAME[:PASSWORD]' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cert-dir -d 'Certificates for the pull (*.crt, *.cert, *.key)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l retry -d 'Times to retry a failing pull' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l retry-delay -d 'Delay between pull retries (e.g. 2s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l platform -d 'Specify the platform for selecting the image.  (Conflicts with --arch and --os)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l arch -d 'Use ARCH instead of the architecture of the machine for choosing images' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l os -d 'Use OS instead of the running OS for choosing images' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l http-proxy -d 'Set proxy environment variables in the container based on the host proxy vars' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit: a number with an optional unit b, k, m or g (e.g. 512m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Memory soft limit (e.g. 256m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100, or -1 for system default)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l kernel-memory -d 'Kernel memory limit (ignored, as podman 5 ignores it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs. The default is 0.000 which means no limit' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-rt-period -d 'Limit the CPU real-time period in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-mems -d 'Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Block IO weight (relative weight) accepts a weight value between 10 and 1000' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (e.g. --device-read-bps=/dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (e.g. --device-write-bps=/dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-iops -d 'Limit read rate (IO per second) from a device (e.g. --device-read-iops=/dev/sda:1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-iops -d 'Limit write rate (IO per second) to a device (e.g. --device-write-iops=/dev/sda:1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-score-adj -d 'Tune the host\'s OOM preferences (-1000 to 1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pid -d 'PID namespace to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l ipc -d 'IPC namespace to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l uts -d 'UTS namespace to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroupns -d 'cgroup namespace to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l device -d 'Add a host device to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l gpus -d 'GPU devices to add to the container (\'all\' to pass all GPUs)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l device-cgroup-rule -d 'Add a rule to the cgroup allowed devices list' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l systemd -d 'Run container in systemd mode ("true"|"false"|"always")' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l shm-size-systemd -d 'Size of systemd mode\'s tmpfs mounts (/run, /run/lock, /tmp, /var/log/journal)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l sig-proxy -d 'Proxy received signals to the process (default true; false: the container runs under its own monitor and a signal to rpod leaves it running)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l detach-keys -d 'Keys that detach from `-it` (a letter or ctrl-<letter>, comma-separated)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l preserve-fds -d 'Pass a number of additional file descriptors into the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l rm -d 'Remove the container when it exits'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l replace -d 'If a container with the same name exists, replace it'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep stdin open'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Allocate a pseudo-TTY for container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv-all -d 'Unset all default environment variables in container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish all exposed ports to random ports on the host interface'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l no-hosts -d 'Do not create /etc/hosts within the container, instead use the version from the image'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l disable-content-trust -d 'This is a Docker specific option and is a NOOP'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l no-hostname -d 'Do not create /etc/hostname for the container: the image\'s (if any) is used'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l no-healthcheck -d 'Disable healthchecks on container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l rootfs -d 'The first argument is not an image but the rootfs to the exploded container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l rmi -d 'Remove image unless used by other containers, implies --rm'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s d -l detach -d 'Run container in background and print container ID'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l detach-keys -d 'Select the key sequence for detaching a container (a letter or ctrl-<letter>, comma-separated)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l sig-proxy -d 'Proxy received signals to the process' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l all -d 'Start all containers regardless of their state or configuration'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach container\'s STDOUT and STDERR'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Keep stdin attached (with --attach)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait for stop before killing the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s a -l all -d 'Stop all running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Ignore errors when a specified container is missing'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'The signal to send (name or number)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -s a -l all -d 'Signal all running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l condition -d 'Condition to wait on' -r -f -a "stopped\t''
exited\t''
running\t''
created\t''
paused\t''
stopping\t''
removing\t''
healthy\t''
unhealthy\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -s i -l interval -d 'Time Interval to wait before polling for completion (a Go duration, or milliseconds; rpod looks every 20ms unless told)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l ignore -d 'Ignore if a container does not exist (its exit code shows as -1)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l exit-first-match -d 'Wait for exit of first container which matches conditions, ignore other ones'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l filter -d 'Filter output based on conditions given' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for stop before killing the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force removal of a running or unusable container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore errors when a specified container is missing'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l depend -d 'Remove container and all containers that depend on the selected container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l tail -d 'Output the specified number of LINES at the end of the logs.  Defaults to -1, which prints all lines' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Show logs since TIMESTAMP (RFC 3339, Unix time, or a duration such as 5m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Show logs until TIMESTAMP (RFC 3339, Unix time, or a duration such as 5m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s n -l names -d 'Output the container name in the log'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l color -d 'Output the containers with different colors in the log'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output.  The default is false'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Output the timestamps in the log'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l details -d 'Show extra details provided to the logs (podman\'s hidden no-op, for Docker)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped (takes effect for the running container)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l ulimit -d 'Resource limit: TYPE=SOFT[:HARD], or host (applies from the next start)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -s e -l env -d 'Set environment variables: NAME=VALUE, or NAME for this shell\'s value (from the next start)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l unsetenv -d 'Remove environment variables (from the next start)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-cmd -d 'set a healthcheck command for the container (\'none\' disables the existing healthcheck)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-interval -d 'Time between healthchecks (e.g. 30s, 1m30s), or disable for no timer' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-retries -d 'the number of retries allowed before a healthcheck is considered to be unhealthy' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-timeout -d 'the maximum time allowed to complete the healthcheck before an interval is considered failed' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-start-period -d 'the initialization time needed for a container to bootstrap' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-start-interval -d 'Time between healthchecks during the start period' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-on-failure -d 'action to take once the container turns unhealthy' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-log-destination -d 'Where healthcheck results are kept: local, events_logger or a directory' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-max-log-count -d 'Healthcheck results kept (0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-max-log-size -d 'Characters of each healthcheck\'s output kept (0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-startup-cmd -d 'Startup healthcheck command, run until it passes; then the regular healthcheck begins' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-startup-interval -d 'Time between startup healthchecks' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-startup-retries -d 'Startup healthcheck failures that restart the container (0: no limit)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-startup-success -d 'Startup healthcheck successes in a row before the regular healthcheck begins (0: one)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-startup-timeout -d 'A startup healthcheck running longer than this fails and is killed' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -s m -l memory -d 'Memory limit: a number with an optional unit b, k, m or g (e.g. 512m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-reservation -d 'Memory soft limit (e.g. 256m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100, or -1 for system default)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l kernel-memory -d 'Kernel memory limit (ignored, as podman 5 ignores it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpus -d 'Number of CPUs. The default is 0.000 which means no limit' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-rt-period -d 'Limit the CPU real-time period in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-mems -d 'Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l blkio-weight -d 'Block IO weight (relative weight) accepts a weight value between 10 and 1000' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (e.g. --device-read-bps=/dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (e.g. --device-write-bps=/dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l device-read-iops -d 'Limit read rate (IO per second) from a device (e.g. --device-read-iops=/dev/sda:1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l device-write-iops -d 'Limit write rate (IO per second) to a device (e.g. --device-write-iops=/dev/sda:1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l oom-score-adj -d 'Tune the host\'s OOM preferences (-1000 to 1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -s l -l latest -d 'Act on the latest container rpod created'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l no-healthcheck -d 'Disable healthchecks on container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l cidfile -d 'Read the container ID from the file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l time -d 'Seconds to wait for stop before killing the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -s a -l all -d 'Restart all non-running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l running -d 'Restart only running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l cidfile -d 'Read the container ID from this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -s a -l all -d 'All running containers (`unpause`: all paused ones)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -s l -l latest -d 'Act on the latest container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l cidfile -d 'Read the container ID from this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -s a -l all -d 'All running containers (`unpause`: all paused ones)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -s l -l latest -d 'Act on the latest container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -s l -l latest -d 'Act on the latest container (the arguments are then all descriptors)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l list-descriptors -d 'List the supported format descriptors'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l format -d 'Format with a Go template, or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -s i -l interval -d 'Seconds between readings' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -s a -l all -d 'Show all containers (not only the running ones)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -s l -l latest -d 'Act on the latest container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-stream -d 'Print one reading and exit'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-trunc -d 'Show full container IDs'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-reset -d 'Do not clear the screen between readings'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'Sets the username or UID used and optionally the groupname or GID for the specified command' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l privileged -d 'Give the process extended Linux capabilities inside the container.  The default is false' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep stdin open'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a pseudo-TTY. The default is false'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Run the exec session in detached mode (backgrounded)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l detach-keys -d 'Keys that detach: a letter or ctrl-<letter>, comma-separated' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l sig-proxy -d 'Proxy received signals to the process' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach STDIN. The default is false'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -s a -l all -d 'Display port information for all containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s a -l author -d 'Set the author of the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s c -l change -d 'Apply a Dockerfile instruction to the image (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s f -l format -d 'Format of the image manifest and metadata: oci or docker' -r -f -a "oci\t''
docker\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s m -l message -d 'Set the commit message (docker format only)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s p -l pause -d 'Pause the container while committing (rpod cannot freeze containers yet: it warns and commits)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s q -l quiet -d 'Print only the image ID'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Chown copied files to the primary uid/gid of the destination container' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -s L -l follow-link -d 'Follow a symbolic link given as the source path'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l overwrite -d 'Allow a directory to replace a non-directory and the other way round'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a file instead of stdout' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s n -l last -d 'Print the n last created containers (all states)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l format -d 'Pretty-print containers to JSON or using a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l sort -d 'Sort output by: command, created, id, image, names, runningfor, size, status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s w -l watch -d 'Watch the ps output on an interval in seconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all the containers, default is only running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print the numeric IDs of the containers only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l no-trunc -d 'Display the extended information'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print headers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s p -l pod -d 'Print the ID and name of the pod the containers are associated with'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l external -d 'Show containers in storage not controlled by rpod'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s s -l size -d 'Display the total file sizes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l ns -d 'Display namespace information'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l sync -d 'Sync container state with OCI runtime (rpod reads each container\'s state from its monitor at every command: nothing more to sync)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Print the n last created containers (all states)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Pretty-print containers to JSON or using a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l sort -d 'Sort output by: command, created, id, image, names, runningfor, size, status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s w -l watch -d 'Watch the ps output on an interval in seconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all the containers, default is only running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print the numeric IDs of the containers only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Display the extended information'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print headers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s p -l pod -d 'Print the ID and name of the pod the containers are associated with'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l external -d 'Show containers in storage not controlled by rpod'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Display the total file sizes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l ns -d 'Display namespace information'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l sync -d 'Sync container state with OCI runtime (rpod reads each container\'s state from its monitor at every command: nothing more to sync)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s n -l last -d 'Print the n last created containers (all states)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l format -d 'Pretty-print containers to JSON or using a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l sort -d 'Sort output by: command, created, id, image, names, runningfor, size, status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s w -l watch -d 'Watch the ps output on an interval in seconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s a -l all -d 'Show all the containers, default is only running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Print the numeric IDs of the containers only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Display the extended information'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l noheading -d 'Do not print headers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s p -l pod -d 'Print the ID and name of the pod the containers are associated with'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l external -d 'Show containers in storage not controlled by rpod'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s s -l size -d 'Display the total file sizes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l ns -d 'Display namespace information'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l sync -d 'Sync container state with OCI runtime (rpod reads each container\'s state from its monitor at every command: nothing more to sync)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output to a Go template or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Display total file size'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l exec -d 'Clean up the given exec session instead of the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s a -l all -d 'Cleans up all containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l rm -d 'After cleanup, remove the container entirely'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l rmi -d 'After cleanup, remove the image entirely'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l stopped-only -d 'Only cleanup when the container is in the stopped state'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l external -d 'Check external storage containers as well as rpod containers (rpod\'s store holds only its own)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l format -d 'Change the output format (json)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l format -d 'Print the mounts as json' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -s a -l all -d 'Mount all containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l notruncate -d 'Do not truncate IDs in the listing'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -s a -l all -d 'Unmount all mounted containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -s f -l force -d 'Unmount even if other processes use the mount (always so in rpod)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -s a -l all -d 'Unmount all mounted containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -s f -l force -d 'Unmount even if other processes use the mount (always so in rpod)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a command in a new container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a container without starting it'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start created or exited containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Send a signal to running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Show a container\'s output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "update" -d 'Update an existing container\'s resource limits, restart policy and healthcheck'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Stop and start containers again'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause all the processes in containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "unpause" -d 'Unpause the processes in paused containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "top" -d 'Show the processes running in a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Display a live stream of container resource usage statistics'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Run a command in a running container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "attach" -d 'Attach to a running container (detach with ctrl-p,ctrl-q)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "port" -d 'List a container\'s published ports'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export a container\'s file system as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "list" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show containers\' configuration and state as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "cleanup" -d 'Clean up network and mountpoints of one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 when the container exists, 1 when not'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all stopped containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Inspect changes to a container\'s file system'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "mount" -d 'Mount a working container\'s root filesystem'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "umount" -d 'Unmount working containers\' root filesystems'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "create" -d 'Create a volume'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "ls" -d 'List volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "list" -d 'List volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "inspect" -d 'Show volumes\' details as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "rm" -d 'Remove volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "remove" -d 'Remove volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "prune" -d 'Remove all volumes no container uses'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "exists" -d 'Exit 0 when the volume exists, 1 when not'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "export" -d 'Write a volume\'s content as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "import" -d 'Fill a volume from a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "mount" -d 'Print a volume\'s mount point (rootless: inside `rpod unshare`)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "unmount" -d 'Undo `volume mount`'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "umount" -d 'Undo `volume mount`'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata: KEY=VALUE' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'Driver options: type=bind|tmpfs, device=PATH, o=MOUNT-OPTIONS, uid=, gid= (size, inodes, copy, nocopy, noquota are recorded)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'The driver: only local' -r -f -a "local\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l ignore -d 'Do not fail when the volume exists'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name=REGEX, label=KEY[=VALUE], label!=, driver=, scope=, opt=, dangling=, anonymous=, until=' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only names'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: name=REGEX, label=KEY[=VALUE], label!=, driver=, scope=, opt=, dangling=, anonymous=, until=' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only names'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template or as `json`' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s a -l all -d 'All volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for running containers to stop before killing them (with --force; -1: no wait)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove volumes in use, and the containers using them; ignore missing volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -s t -l time -d 'Seconds to wait for running containers to stop before killing them (with --force; -1: no wait)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove all volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove volumes in use, and the containers using them; ignore missing volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Prune only the volumes that match: label=KEY[=VALUE], label!=…, name=, driver=, until=' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a file instead of stdout' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a volume'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show volumes\' details as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all volumes no container uses'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 when the volume exists, 1 when not'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write a volume\'s content as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "import" -d 'Fill a volume from a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "mount" -d 'Print a volume\'s mount point (rootless: inside `rpod unshare`)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "unmount" -d 'Undo `volume mount`'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -f -a "create" -d 'Create a new secret'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -f -a "ls" -d 'List secrets'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -f -a "list" -d 'List secrets'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -f -a "inspect" -d 'Inspect a secret'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -f -a "rm" -d 'Remove one or more secrets'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -f -a "exists" -d 'Check if a secret exists in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm exists help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -s d -l driver -d 'Specify secret driver (only file)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l driver-opts -d 'Specify driver specific options' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -s l -l label -d 'Specify labels on the secret' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l env -d 'Read secret data from environment variable'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l replace -d 'If a secret with the same name exists, replace it'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l ignore -d 'If a secret with the same name exists, ignore and do not create a new secret'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l format -d 'Format secret output using Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter secret output (name=REGEX, id=REGEX)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print headers'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print secret IDs only'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l format -d 'Format secret output using Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter secret output (name=REGEX, id=REGEX)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print headers'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print secret IDs only'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format inspect output using Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l showsecret -d 'Display the secret'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l pretty -d 'Print inspect output in human-readable format'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all secrets'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore errors when a specified secret is missing'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a new secret'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List secrets'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Inspect a secret'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more secrets'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check if a secret exists in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "create" -d 'Create a new empty pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "ps" -d 'List pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "ls" -d 'List pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "list" -d 'List pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "inspect" -d 'Show pods\' details as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "top" -d 'Display the running processes of the containers in a pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "logs" -d 'Print the logs of the containers in a pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "stats" -d 'Display resource usage of the containers in pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "start" -d 'Start the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "stop" -d 'Stop the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "restart" -d 'Restart the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "kill" -d 'Send a signal to the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "pause" -d 'Pause the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "unpause" -d 'Unpause the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "rm" -d 'Remove pods and their containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "prune" -d 'Remove all pods none of whose containers runs'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "exists" -d 'Exit 0 when the pod exists, 1 when not'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect top logs stats start stop restart kill pause unpause rm prune exists help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -s n -l name -d 'Assign a name to the pod' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a port of the pod\'s containers: [[IP:][HOST-PORT]:]CONTAINER-PORT[/PROTOCOL]' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l share -d 'Kernel namespaces the containers share: cgroup, ipc, net, pid, uts or none (+NS adds to the default ipc,net,uts)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l exit-policy -d 'What happens when the last container exits: continue or stop' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy of the pod\'s containers that set none' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra -d 'Let containers share namespaces (false: each container has its own; rpod never runs an infra process)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-name -d 'Name of podman\'s infra container: recorded and shown by pod inspect (rpod runs no infra container)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-image -d 'Image of podman\'s infra container: recorded, never pulled or run (rpod runs no infra container)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-command -d 'Command of podman\'s infra container: recorded, never run (rpod runs no infra container)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-conmon-pidfile -d 'File for the PID of the infra container\'s conmon: not written (rpod runs no infra container)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l network -d 'The pod\'s network: pasta[:OPTIONS], slirp4netns[:OPTIONS], none, host, or networks by name' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l userns -d 'User namespace of the pod\'s containers: host, private or keep-id' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata: KEY=VALUE' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l hostname -d 'The pod\'s host name (default: its name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l add-host -d 'Add a line to /etc/hosts: HOST:IP' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns -d 'Nameserver for /etc/resolv.conf' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns-search -d 'Search domain for /etc/resolv.conf' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l pod-id-file -d 'Write the pod\'s ID to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l cgroup-parent -d 'The cgroup under which the pod\'s cgroup is made (default /libpod_parent)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit: a number with an optional unit b, k, m or g (e.g. 512m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Memory soft limit (e.g. 256m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100, or -1 for system default)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l kernel-memory -d 'Kernel memory limit (ignored, as podman 5 ignores it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs. The default is 0.000 which means no limit' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpu-rt-period -d 'Limit the CPU real-time period in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpuset-mems -d 'Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Block IO weight (relative weight) accepts a weight value between 10 and 1000' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (e.g. --device-read-bps=/dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (e.g. --device-write-bps=/dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l device-read-iops -d 'Limit read rate (IO per second) from a device (e.g. --device-read-iops=/dev/sda:1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l device-write-iops -d 'Limit write rate (IO per second) to a device (e.g. --device-write-iops=/dev/sda:1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l oom-score-adj -d 'Tune the host\'s OOM preferences (-1000 to 1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l replace -d 'Replace a pod of the same name'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter: id=, name=, label=, status=, ctr-names=, ctr-ids=, ctr-status=, ctr-number=' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l sort -d 'Sort by created, id, name, number or status' -r -f -a "created\t''
id\t''
name\t''
number\t''
status\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Print only pod IDs'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -s n -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Do not truncate pod and container IDs'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-names -d 'Show the names of the pods\' containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-ids -d 'Show the IDs of the pods\' containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-status -d 'Show the states of the pods\' containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -s l -l latest -d 'Act on the latest pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: id=, name=, label=, status=, ctr-names=, ctr-ids=, ctr-status=, ctr-number=' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created, id, name, number or status' -r -f -a "created\t''
id\t''
name\t''
number\t''
status\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only pod IDs'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate pod and container IDs'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l ctr-names -d 'Show the names of the pods\' containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l ctr-ids -d 'Show the IDs of the pods\' containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l ctr-status -d 'Show the states of the pods\' containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Act on the latest pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: id=, name=, label=, status=, ctr-names=, ctr-ids=, ctr-status=, ctr-number=' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l sort -d 'Sort by created, id, name, number or status' -r -f -a "created\t''
id\t''
name\t''
number\t''
status\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only pod IDs'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate pod and container IDs'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l ctr-names -d 'Show the names of the pods\' containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l ctr-ids -d 'Show the IDs of the pods\' containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l ctr-status -d 'Show the states of the pods\' containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -s l -l latest -d 'Act on the latest pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template or as `json`' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Act on the latest pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -s c -l container -d 'Only the logs of this container of the pod' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l tail -d 'Show only the last N lines of each container' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l since -d 'Show logs since TIMESTAMP (RFC 3339, Unix time, or a duration such as 5m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l until -d 'Show logs until TIMESTAMP (RFC 3339, Unix time, or a duration such as 5m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep printing new lines until the containers exit'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l names -d 'Prefix lines with the container\'s name instead of its ID'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l color -d 'Output the containers with different colors in the log'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Prefix each line with its time stamp'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l format -d 'Format with a Go template, or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -s a -l all -d 'All pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l no-stream -d 'Print one reading and exit'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l no-reset -d 'Do not clear the screen between readings'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l pod-id-file -d 'Read the pod\'s ID from this file (may be repeated)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -s a -l all -d 'All pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -s l -l latest -d 'Act on the latest pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait before killing the containers' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l pod-id-file -d 'Read the pod\'s ID from this file (may be repeated)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -s a -l all -d 'All pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -s l -l latest -d 'Act on the latest pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Ignore pods that do not exist'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -s a -l all -d 'All pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -s l -l latest -d 'Act on the latest pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -s s -l signal -d 'The signal to send' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -s a -l all -d 'All pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -s l -l latest -d 'Act on the latest pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -s a -l all -d 'All pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -s l -l latest -d 'Act on the latest pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s a -l all -d 'All pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s l -l latest -d 'Act on the latest pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for containers to stop before killing them (with --force)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l pod-id-file -d 'Read the pod\'s ID from this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -s a -l all -d 'All pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop and remove running containers first'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore pods that do not exist'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -s l -l latest -d 'Act on the latest pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a new empty pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "ps" -d 'List pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show pods\' details as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "top" -d 'Display the running processes of the containers in a pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Print the logs of the containers in a pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Display resource usage of the containers in pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Send a signal to the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "unpause" -d 'Unpause the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove pods and their containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all pods none of whose containers runs'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 when the pod exists, 1 when not'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -f -a "create" -d 'Create a network'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -f -a "ls" -d 'List networks'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -f -a "list" -d 'List networks'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -f -a "inspect" -d 'Show networks\' configuration as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -f -a "rm" -d 'Remove networks'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -f -a "remove" -d 'Remove networks'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -f -a "exists" -d 'Exit 0 when the network exists, 1 when not'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -f -a "prune" -d 'Remove networks no container uses'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -f -a "reload" -d 'Reconnect containers to their networks (port relays and rules again, the same addresses)'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -f -a "connect" -d 'Connect a container to a network (a running one at once)'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -f -a "disconnect" -d 'Disconnect a container from a network (a running one at once)'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove exists prune reload connect disconnect help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -s d -l driver -d 'Driver to manage the network: bridge' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -s o -l opt -d 'Set driver specific options: mtu, isolate, metric, no_default_route, vlan, vrf, mode' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l gateway -d 'IPv4 or IPv6 gateway for the subnet (one per --subnet)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l ip-range -d 'Allocate container IP from range: START-END or a CIDR (one per --subnet)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l label -d 'Set metadata on a network' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l ipam-driver -d 'IP Address Management driver: host-local or none' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l subnet -d 'Subnets in CIDR format' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l route -d 'Static routes: DESTINATION,GATEWAY[,METRIC]' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l interface-name -d 'Interface name which is used by the driver' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l dns -d 'DNS servers this network will use' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l internal -d 'Restrict external access from this network'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l ipv6 -d 'Enable IPv6 networking (adds an IPv6 subnet)'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l disable-dns -d 'Disable the DNS server of the network'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l ignore -d 'Don\'t fail if network already exists'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l format -d 'Pretty-print networks to JSON or using a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Provide filter values: name, id, driver, label, label!, until, dangling' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Display only names'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate the network ID'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print headers'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l format -d 'Pretty-print networks to JSON or using a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -s f -l filter -d 'Provide filter values: name, id, driver, label, label!, until, dangling' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Display only names'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate the network ID'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print headers'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Pretty-print network to JSON or using a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for running containers to stop before killing them' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove any containers using the network'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -s t -l time -d 'Seconds to wait for running containers to stop before killing them' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove any containers using the network'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values: label, label!, until' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -s a -l all -d 'All containers'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -s l -l latest -d 'The latest container'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l alias -d 'Network scoped alias for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l ip -d 'Static IPv4 address' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l ip6 -d 'Static IPv6 address' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l mac-address -d 'Static MAC address' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s f -l force -d 'Force the disconnect'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a network'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List networks'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show networks\' configuration as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove networks'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 when the network exists, 1 when not'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove networks no container uses'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "reload" -d 'Reconnect containers to their networks (port relays and rules again, the same addresses)'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Connect a container to a network (a running one at once)'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "disconnect" -d 'Disconnect a container from a network (a running one at once)'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -f -a "run" -d 'Run a container\'s healthcheck now; exit 0 when it passes, 1 when it fails'
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a container\'s healthcheck now; exit 0 when it passes, 1 when it fails'
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c rpod -n "__fish_rpod_using_subcommand images" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand images" -l sort -d 'Sort by created, id, repository, size, tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c rpod -n "__fish_rpod_using_subcommand images" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand images" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand images" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand images" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand images" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand images" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand images" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand images" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand images" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand images" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand images" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand images" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand images" -s a -l all -d 'Show all images'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s q -l quiet -d 'Display only image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l digests -d 'Show digests'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s n -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l history -d 'Display the image name history'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l sort -d 'Sort by created, id, repository, size, tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -s a -l all -d 'Show all images'
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -s q -l quiet -d 'Display only image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l digests -d 'Show digests'
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -s n -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l history -d 'Display the image name history'
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image-ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "ls" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "list" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "untag" -d 'Remove a name from a local image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "inspect" -d 'Display the configuration of an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "prune" -d 'Remove unused images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "exists" -d 'Check if an image exists in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "save" -d 'Save images to an archive or a directory'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "load" -d 'Load images from an archive or a directory'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "import" -d 'Import a tarball as a one-layer image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "push" -d 'Push an image to a registry'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "diff" -d 'Inspect changes to an image\'s file system'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "mount" -d 'Mount an image\'s root filesystem'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "umount" -d 'Unmount images\' root filesystems'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "unmount" -d 'Unmount images\' root filesystems'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull rm tag untag inspect history prune exists save load import push diff mount umount unmount help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name (and optionally tag) the resulting image' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s f -l file -d 'The Containerfile ("-" for standard input); given more than once, the files are read as one, in order' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg -d 'Set a build argument: NAME=VALUE, or NAME to take it from the environment' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg-file -d 'Read build arguments from a file of NAME=VALUE lines' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l target -d 'Build the stage with this name (or index) and the stages it needs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l layers -d 'Cache intermediate steps (default: $BUILDAH_LAYERS, else true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l format -d 'Image format: oci or docker' -r -f -a "oci\t''
docker\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l pull -d 'Pull base images: missing, always, never, newer (default "missing")' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'Build for this platform: OS/ARCH[/VARIANT]' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l ignorefile -d 'An ignore file instead of .containerignore/.dockerignore' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l secret -d 'A secret for RUN --mount=type=secret: id=ID,src=PATH or id=ID,env=VAR' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l ssh -d 'An SSH agent for RUN --mount=type=ssh: default (SSH_AUTH_SOCK) or ID=SOCKET' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l authfile -d 'Credentials file for pulling base images (default: auth.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates when pulling base images' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l creds -d 'Credentials for pulling base images: USERNAME[:PASSWORD]' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cert-dir -d 'Certificates for pulling base images (*.crt, *.cert, *.key)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l logfile -d 'Write the build\'s output to this file instead of the terminal' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l jobs -d 'How many stages may run at once (rpod builds them in order)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l ulimit -d 'Resource limit of RUN steps: TYPE=SOFT[:HARD]' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-add -d 'Add a capability to RUN steps' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-drop -d 'Drop a capability from RUN steps' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l security-opt -d 'Security options of RUN steps (seccomp=PROFILE|unconfined, no-new-privileges, mask=, unmask=)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l network -d 'Network of RUN steps: none, host, or a network mode as `run --network` takes' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s v -l volume -d 'Bind mount for RUN steps: HOST-PATH:CONTAINER-PATH[:ro]' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l label -d 'Add a label to the image: KEY=VALUE' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l env -d 'Set an environment variable in the image: KEY=VALUE' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l unsetenv -d 'Unset an environment variable in the final image' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use cached steps'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print only the image ID'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l pull-never -d 'Never pull base images (same as --pull=never)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l squash -d 'Squash the layers the build makes into one (the base image\'s stay)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l squash-all -d 'Squash all layers, the base image\'s too, into one'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created, id, repository, size, tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Display only image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l history -d 'Display the image name history'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l sort -d 'Sort by created, id, repository, size, tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Display only image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l digests -d 'Show digests'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l history -d 'Display the image name history'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Specify the platform for selecting the image.  (Conflicts with arch and os)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l arch -d 'Use ARCH instead of the architecture of the machine' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l os -d 'Use OS instead of the running OS' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Use USERNAME[:PASSWORD] for accessing the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l cert-dir -d 'Use certificates at PATH (*.crt, *.cert, *.key) to connect to the registry (default: its certs.d directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l retry -d 'Number of times to retry in case of failure when performing pull (default 3, or containers.conf\'s engine.retry)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l retry-delay -d 'Delay between retries in case of pull failures, e.g. 5s (default: 2s, doubling; or containers.conf\'s engine.retry_delay)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l disable-content-trust -d 'This is a Docker specific option and is a NOOP'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force removal of the image (also images with several names, by ID)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore errors when an image does not exist'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l no-prune -d 'Do not remove dangling parent images (rpod\'s images have no parent images: rmi never removes more than named)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output to a Go template or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Display sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Change the output to JSON or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Do not truncate the output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Display only the numeric IDs'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images, not just dangling ones'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'Save as docker-archive, oci-archive, oci-dir (a directory with an OCI layout) or docker-dir (a directory with a schema 2 manifest)' -r -f -a "docker-archive\t''
oci-archive\t''
oci-dir\t''
docker-dir\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to this file or directory (default: stdout, which must be redirected)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l compress -d 'Compress layers when saving to a directory (docker-dir only)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Suppress the progress output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -s m -l multi-image-archive -d 'Read additional arguments as images, not names, and save them all in one archive (docker-archive only)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l uncompressed -d 'Keep layers uncompressed in OCI formats'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read from this archive, directory or http(s) URL instead of stdin (any of the save formats; gzip and zstd are undone)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Suppress the progress output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l arch -d 'Set the architecture of the image instead of the machine\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -s c -l change -d 'Apply a Dockerfile instruction to the image (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -s m -l message -d 'Set the commit message of the image\'s history' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l os -d 'Set the OS of the image instead of the machine\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l variant -d 'Set the architecture variant of the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Suppress the progress output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l cert-dir -d 'Path to a directory containing TLS certificates and keys' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-format -d 'compression format to use' -r -f -a "gzip\t''
zstd\t''
zstd:chunked\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-level -d 'compression level to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l creds -d 'Use USERNAME[:PASSWORD] for accessing the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the digest of the pushed image to the specified file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest type to push: oci or v2s2 (default: the image\'s own)' -r -f -a "oci\t''
v2s2\t''
docker\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l retry -d 'Number of times to retry in case of failure (default 3, or containers.conf\'s engine.retry)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l retry-delay -d 'Delay between retries, e.g. 5s (default: 2s, doubling)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -s a -l all-tags -d 'Push every tagged image of the repository (IMAGE and DESTINATION without a tag)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l disable-content-trust -d 'This is a Docker specific option and is a NOOP'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Suppress output information when pushing images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l format -d 'Change the output format (json)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l format -d 'Print the mounts as json' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -s a -l all -d 'Mount all images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -s a -l all -d 'Unmount all mounted images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -s f -l force -d 'Unmount even if other processes use the mount (always so in rpod)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -s a -l all -d 'Unmount all mounted images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -s f -l force -d 'Unmount even if other processes use the mount (always so in rpod)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "untag" -d 'Remove a name from a local image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check if an image exists in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "save" -d 'Save images to an archive or a directory'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "load" -d 'Load images from an archive or a directory'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import a tarball as a one-layer image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push an image to a registry'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Inspect changes to an image\'s file system'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "mount" -d 'Mount an image\'s root filesystem'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "umount" -d 'Unmount images\' root filesystems'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s f -l format -d 'Format the output to a Go template or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s t -l type -d 'Only inspect objects of this type: container, image, volume, network, pod or all' -r
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s s -l size -d 'Display total file size'
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand history" -s H -l human -d 'Display sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand history" -l format -d 'Change the output to JSON or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand history" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand history" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand history" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand history" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand history" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand history" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand history" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand history" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand history" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand history" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand history" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand history" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand history" -l no-trunc -d 'Do not truncate the output'
complete -c rpod -n "__fish_rpod_using_subcommand history" -s q -l quiet -d 'Display only the numeric IDs'
complete -c rpod -n "__fish_rpod_using_subcommand history" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand history" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand tag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand untag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s a -l all -d 'Remove all images'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s f -l force -d 'Force removal of the image (also images with several names, by ID)'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s i -l ignore -d 'Ignore errors when an image does not exist'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l no-prune -d 'Do not remove dangling parent images (rpod\'s images have no parent images: rmi never removes more than named)'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand save" -l format -d 'Save as docker-archive, oci-archive, oci-dir (a directory with an OCI layout) or docker-dir (a directory with a schema 2 manifest)' -r -f -a "docker-archive\t''
oci-archive\t''
oci-dir\t''
docker-dir\t''"
complete -c rpod -n "__fish_rpod_using_subcommand save" -s o -l output -d 'Write to this file or directory (default: stdout, which must be redirected)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand save" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand save" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand save" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand save" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand save" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand save" -l compress -d 'Compress layers when saving to a directory (docker-dir only)'
complete -c rpod -n "__fish_rpod_using_subcommand save" -s q -l quiet -d 'Suppress the progress output'
complete -c rpod -n "__fish_rpod_using_subcommand save" -s m -l multi-image-archive -d 'Read additional arguments as images, not names, and save them all in one archive (docker-archive only)'
complete -c rpod -n "__fish_rpod_using_subcommand save" -l uncompressed -d 'Keep layers uncompressed in OCI formats'
complete -c rpod -n "__fish_rpod_using_subcommand save" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand save" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand load" -s i -l input -d 'Read from this archive, directory or http(s) URL instead of stdin (any of the save formats; gzip and zstd are undone)' -r
complete -c rpod -n "__fish_rpod_using_subcommand load" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand load" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand load" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand load" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand load" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand load" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand load" -s q -l quiet -d 'Suppress the progress output'
complete -c rpod -n "__fish_rpod_using_subcommand load" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand load" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand import" -l arch -d 'Set the architecture of the image instead of the machine\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -s c -l change -d 'Apply a Dockerfile instruction to the image (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -s m -l message -d 'Set the commit message of the image\'s history' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l os -d 'Set the OS of the image instead of the machine\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l variant -d 'Set the architecture variant of the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand import" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand import" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand import" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand import" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand import" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand import" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand import" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand import" -s q -l quiet -d 'Suppress the progress output'
complete -c rpod -n "__fish_rpod_using_subcommand import" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand import" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand push" -l authfile -d 'Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l cert-dir -d 'Path to a directory containing TLS certificates and keys' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l compression-format -d 'compression format to use' -r -f -a "gzip\t''
zstd\t''
zstd:chunked\t''"
complete -c rpod -n "__fish_rpod_using_subcommand push" -l compression-level -d 'compression level to use' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l creds -d 'Use USERNAME[:PASSWORD] for accessing the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l digestfile -d 'Write the digest of the pushed image to the specified file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -s f -l format -d 'Manifest type to push: oci or v2s2 (default: the image\'s own)' -r -f -a "oci\t''
v2s2\t''
docker\t''"
complete -c rpod -n "__fish_rpod_using_subcommand push" -l retry -d 'Number of times to retry in case of failure (default 3, or containers.conf\'s engine.retry)' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l retry-delay -d 'Delay between retries, e.g. 5s (default: 2s, doubling)' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand push" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand push" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand push" -s a -l all-tags -d 'Push every tagged image of the repository (IMAGE and DESTINATION without a tag)'
complete -c rpod -n "__fish_rpod_using_subcommand push" -l disable-content-trust -d 'This is a Docker specific option and is a NOOP'
complete -c rpod -n "__fish_rpod_using_subcommand push" -s q -l quiet -d 'Suppress output information when pushing images'
complete -c rpod -n "__fish_rpod_using_subcommand push" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand push" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l format -d 'Change the output format (json)' -r
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand diff" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand diff" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l format -d 'Print the mounts as json' -r
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand mount" -s a -l all -d 'Mount all containers'
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l notruncate -d 'Do not truncate IDs in the listing'
complete -c rpod -n "__fish_rpod_using_subcommand mount" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand mount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand umount" -s a -l all -d 'Unmount all mounted containers'
complete -c rpod -n "__fish_rpod_using_subcommand umount" -s f -l force -d 'Unmount even if other processes use the mount (always so in rpod)'
complete -c rpod -n "__fish_rpod_using_subcommand umount" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand umount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -s a -l all -d 'Unmount all mounted containers'
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -s f -l force -d 'Unmount even if other processes use the mount (always so in rpod)'
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -s l -l latest -d 'Act on the latest container rpod is aware of'
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand login" -s u -l username -d 'Username for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -s p -l password -d 'Password for the registry (prefer --password-stdin)' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand login" -l authfile -d 'Path of the authentication file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l cert-dir -d 'Use certificates at PATH (*.crt, *.cert, *.key) to connect to the registry (default: its certs.d directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand login" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand login" -l password-stdin -d 'Take the password from stdin'
complete -c rpod -n "__fish_rpod_using_subcommand login" -l get-login -d 'Return the current login user for the registry'
complete -c rpod -n "__fish_rpod_using_subcommand login" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand login" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l authfile -d 'Path of the authentication file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logout" -s a -l all -d 'Remove the credentials of all registries'
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand logout" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand info" -s f -l format -d 'Change the output format to JSON or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand info" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand info" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand info" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand info" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand info" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand info" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand info" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand info" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand info" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand info" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand info" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand info" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand info" -s D -l debug -d 'Display additional debug information (does nothing, as in podman 2 and later)'
complete -c rpod -n "__fish_rpod_using_subcommand info" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand info" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand events" -s f -l filter -d 'Filter output (container=, event=, image=, label=, network=, pod=, type=, volume=)' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l format -d 'Format the output as JSON lines (json) or with a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l stream -d 'Stream events and do not exit when returning the last known event' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand events" -l since -d 'Show all events created since timestamp' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l no-trunc -d 'Do not truncate the output' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand events" -l until -d 'Show all events created until timestamp' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand events" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand events" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand events" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand events" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand events" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand events" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand events" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand events" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand events" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -f -a "events" -d 'Show rpod events'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -f -a "info" -d 'Display rpod system information'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -f -a "reset" -d 'Reset rpod storage: remove all images, layers and containers'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -f -a "df" -d 'Show rpod disk usage'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -f -a "prune" -d 'Remove unused data: stopped containers, unused networks, dangling images'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from events info reset df prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -s f -l filter -d 'Filter output (container=, event=, image=, label=, network=, pod=, type=, volume=)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l format -d 'Format the output as JSON lines (json) or with a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l stream -d 'Stream events and do not exit when returning the last known event' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l since -d 'Show all events created since timestamp' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l no-trunc -d 'Do not truncate the output' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l until -d 'Show all events created until timestamp' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'Change the output format to JSON or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -s D -l debug -d 'Display additional debug information (does nothing, as in podman 2 and later)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'Pretty-print images using a Go template, or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -s v -l verbose -d 'Show detailed information on space usage'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (label=…, label!=…, until=…)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images, not just dangling ones'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumes -d 'Prune volumes too'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l build -d 'Remove persistent build cache created by --mount=type=cache (rpod keeps none)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l external -d 'Remove external containers too (rpod\'s store holds only its own)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "events" -d 'Show rpod events'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "info" -d 'Display rpod system information'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Reset rpod storage: remove all images, layers and containers'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "df" -d 'Show rpod disk usage'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused data: stopped containers, unused networks, dangling images'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand version" -s f -l format -d 'Change the output format to JSON or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand version" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand version" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand version" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand version" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand version" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand version" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand version" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand version" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand version" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand version" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand version" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand version" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand version" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand version" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand completion" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l dryrun -d 'Print the generated units instead of writing them'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l user -d 'Generate units for the user\'s systemd manager'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l no-kmsg-log -d 'Do not log to the kernel log (accepted for compatibility; rpod logs to stderr)'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -s v -l verbose -d 'Print progress and warnings'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -s f -l file -d 'Compose configuration files (default: compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml, found upwards)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "config" -d 'Parse, resolve and render the compose file in canonical format'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "up" -d 'Create and start containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "down" -d 'Stop and remove containers, networks'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "ps" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "logs" -d 'View output from containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "build" -d 'Build or rebuild services'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "pull" -d 'Pull service images'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "create" -d 'Creates containers for a service'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "start" -d 'Start services'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "stop" -d 'Stop services'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "restart" -d 'Restart service containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "pause" -d 'Pause services'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "unpause" -d 'Unpause services'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "kill" -d 'Force stop service containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "rm" -d 'Removes stopped service containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "exec" -d 'Execute a command in a running container'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "run" -d 'Run a one-off command on a service'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "top" -d 'Display the running processes'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "port" -d 'Print the public port for a port binding'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "images" -d 'List images used by the created containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "ls" -d 'List running compose projects'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "push" -d 'Push service images'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull create start stop restart pause unpause kill rm exec run top port images ls push help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l format -d 'Output format' -r -f -a "yaml\t'YAML, as `docker compose config` prints it'
json\t'JSON'"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l services -d 'Print the service names, one per line'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l volumes -d 'Print the volume names, one per line'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l networks -d 'Print the network names, one per line'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l profiles -d 'Print the profile names, one per line'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -s q -l quiet -d 'Only validate the configuration, print nothing'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l no-consistency -d 'Don\'t check model consistency (may print an invalid project)'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from config" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l scale -d 'Scale SERVICE to NUM instances (overrides `scale` and `deploy.replicas`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -s t -l timeout -d 'Use this timeout in seconds for container shutdown when attached or when containers are already running' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -s d -l detach -d 'Detached mode: run containers in the background'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l build -d 'Build images before starting containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-build -d 'Don\'t build an image, even if it\'s missing'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l force-recreate -d 'Recreate containers even if their configuration hasn\'t changed'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-recreate -d 'If containers already exist, don\'t recreate them'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l remove-orphans -d 'Remove containers for services not defined in the Compose file'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l wait -d 'Wait for services to be running'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-deps -d 'Don\'t start linked services'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-start -d 'Don\'t start the services after creating them'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l quiet-pull -d 'Don\'t print anything to stdout (accepted)'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l rmi -d 'Remove images used by services' -r -f -a "local\t'Images without a custom name (`image:`)'
all\t'Every image the services use'"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -s t -l timeout -d 'Seconds to wait before killing' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -s v -l volumes -d 'Remove named volumes declared in the volumes section and anonymous volumes'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l remove-orphans -d 'Remove containers for services not defined in the Compose file'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l format -d 'Format: table (default), json, or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -s a -l all -d 'Show all containers, stopped ones included'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Only display IDs'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l services-only -d 'Display services'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -s n -l tail -d 'Number of lines to show from the end of the logs for each container' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show timestamps'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l no-color -d 'Produce monochrome output'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l no-log-prefix -d 'Don\'t print prefix in logs'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l ignore-pull-failures -d 'Pull what it can and ignore images with pull failures'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Pull without printing progress information (accepted)'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l build -d 'Build images before creating containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l no-build -d 'Don\'t build an image, even if it\'s missing'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l force-recreate -d 'Recreate containers even if their configuration hasn\'t changed'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l no-recreate -d 'If containers already exist, don\'t recreate them'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l remove-orphans -d 'Remove containers for services not defined in the Compose file'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -s t -l timeout -d 'Seconds to wait before killing' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -s t -l timeout -d 'Seconds to wait before killing' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l remove-orphans -d 'Remove containers for services not defined in the Compose file (accepted)'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -s f -l force -d 'Don\'t ask to confirm removal'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -s s -l stop -d 'Stop the containers, if required, before removing'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove any anonymous volumes attached to containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l index -d 'Index of the container if the service has several replicas' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -s u -l user -d 'Run the command as this user' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Path to workdir directory for this command' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Detached mode: run the command in the background'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -s T -l no-TTY -d 'Disable pseudo-TTY allocation (default: a TTY when stdin is one)'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l privileged -d 'Give extended privileges to the process'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -s e -l env -d 'Set environment variables' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l entrypoint -d 'Override the entrypoint of the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l name -d 'Assign a name to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run the container in the background and print its name'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l rm -d 'Automatically remove the container when it exits'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l no-deps -d 'Don\'t start linked services'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -s T -l no-TTY -d 'Disable pseudo-TTY allocation (default: a TTY when stdin is one)'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l index -d 'Index of the container if the service has several replicas' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from images" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -s p -l project-name -d 'Project name (default: `name:` in the file, else the directory\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l profile -d 'Enable services of this profile (also COMPOSE_PROFILES)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l env-file -d 'Read variables for interpolation from this file instead of the project\'s .env' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l project-directory -d 'The project directory (default: the first compose file\'s directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l ignore-push-failures -d 'Push what it can and ignore images with push failures'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "config" -d 'Parse, resolve and render the compose file in canonical format'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "up" -d 'Create and start containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "down" -d 'Stop and remove containers, networks'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "ps" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "logs" -d 'View output from containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build or rebuild services'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Pull service images'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "create" -d 'Creates containers for a service'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start services'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop services'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart service containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause services'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "unpause" -d 'Unpause services'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Force stop service containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Removes stopped service containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Execute a command in a running container'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a one-off command on a service'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "top" -d 'Display the running processes'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "port" -d 'Print the public port for a port binding'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "images" -d 'List images used by the created containers'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List running compose projects'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push service images'
complete -c rpod -n "__fish_rpod_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -f -a "systemd" -d 'Generate systemd service files for a container or a pod'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -f -a "kube" -d 'Generate Kubernetes YAML from containers, pods or volumes (as `kube generate`)'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-policy -d 'systemd restart policy (no, on-success, on-failure, on-abnormal, on-watchdog, on-abort, always)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-sec -d 'Seconds systemd sleeps before restarting the service' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s t -l time -d 'Seconds to wait for the container to stop before killing it (default: the container\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l stop-timeout -d 'Stop timeout override (same as --time)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l start-timeout -d 'Start timeout override (TimeoutStartSec=)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l container-prefix -d 'Unit name prefix' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l pod-prefix -d 'Unit name prefix of a pod\'s unit' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l separator -d 'Separator between the prefix and the name' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l after -d 'Add After= dependencies to the unit' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l wants -d 'Add Wants= dependencies to the unit' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l requires -d 'Add Requires= dependencies to the unit' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s e -l env -d 'Set an environment variable in the unit (KEY=VALUE, or KEY to copy it from here)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l new -d 'Create a new container on start and remove it on stop'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l template -d 'Make a template unit (NAME@.service): each instance runs its own container NAME-INSTANCE (implies --new; containers only)'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s n -l name -d 'Use the container\'s name instead of its ID in the unit name and commands'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s f -l files -d 'Write the unit to ./<prefix><separator><name>.service and print its path'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l no-header -d 'Leave out the "autogenerated by" header and its time stamp'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -s f -l filename -d 'Write the YAML to this file instead of standard output' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -s t -l type -d 'The kind to write: pod, deployment, daemonset or job (default: containers.conf\'s kube_generate_type, else pod)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -s r -l replicas -d 'The replicas of a Deployment' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -s s -l service -d 'Write a Service for the pods too'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "systemd" -d 'Generate systemd service files for a container or a pod'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "kube" -d 'Generate Kubernetes YAML from containers, pods or volumes (as `kube generate`)'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -f -a "play" -d 'Play containers, pods or volumes from a Kubernetes YAML file'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -f -a "down" -d 'Remove the pods and containers a Kubernetes YAML file made'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -f -a "generate" -d 'Generate Kubernetes YAML from containers, pods or volumes'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l network -d 'Connect the pods to this network mode (host, none, pasta, slirp4netns, or a network)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l publish -d 'Publish a port of the pods to the host ([IP:]HOSTPORT:CONTAINERPORT[/PROTO])' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l configmap -d 'A YAML file with ConfigMaps the pods may use' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l build -d 'Build images that have a Containerfile in a directory named after them' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l context-dir -d 'Where --build looks for the images\' directories (default: the working directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l start -d 'Start the pods after creating them' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l annotation -d 'Add an annotation to the pods (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l userns -d 'The user namespace of the pods (host, keep-id)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l authfile -d 'Path of the registries\' authentication file (default: $REGISTRY_AUTH_FILE, else podman\'s)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-driver -d 'Logging driver of the containers: k8s-file, json-file (the same file) or none' -r -f -a "k8s-file\t''
json-file\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-opt -d 'Logging options of the containers: max-size=SIZE' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l service-container -d 'Make a service container that runs while the pods do (for systemd units)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l down -d 'Stop and remove the pods the YAML defines instead of creating them'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l force -d 'With --down: remove the volumes the YAML defines too'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l replace -d 'Remove pods the YAML defines that exist, then create them again'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l publish-all -d 'Publish every containerPort too, not only those with a hostPort'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -s q -l quiet -d 'Print nothing while pulling images'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -s w -l wait -d 'Wait for the pods to exit (or ctrl+c, SIGTERM), then remove what was played'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l force -d 'Remove the volumes the YAML defines too'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -s f -l filename -d 'Write the YAML to this file instead of standard output' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -s t -l type -d 'The kind to write: pod, deployment, daemonset or job (default: containers.conf\'s kube_generate_type, else pod)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -s r -l replicas -d 'The replicas of a Deployment' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -s s -l service -d 'Write a Service for the pods too'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from help" -f -a "play" -d 'Play containers, pods or volumes from a Kubernetes YAML file'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from help" -f -a "down" -d 'Remove the pods and containers a Kubernetes YAML file made'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Generate Kubernetes YAML from containers, pods or volumes'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube help" -f -a "kube" -d 'Play containers, pods or volumes from a Kubernetes YAML file'
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l network -d 'Connect the pods to this network mode (host, none, pasta, slirp4netns, or a network)' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l publish -d 'Publish a port of the pods to the host ([IP:]HOSTPORT:CONTAINERPORT[/PROTO])' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l configmap -d 'A YAML file with ConfigMaps the pods may use' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l build -d 'Build images that have a Containerfile in a directory named after them' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l context-dir -d 'Where --build looks for the images\' directories (default: the working directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l start -d 'Start the pods after creating them' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l annotation -d 'Add an annotation to the pods (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l userns -d 'The user namespace of the pods (host, keep-id)' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l authfile -d 'Path of the registries\' authentication file (default: $REGISTRY_AUTH_FILE, else podman\'s)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-driver -d 'Logging driver of the containers: k8s-file, json-file (the same file) or none' -r -f -a "k8s-file\t''
json-file\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-opt -d 'Logging options of the containers: max-size=SIZE' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l service-container -d 'Make a service container that runs while the pods do (for systemd units)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l down -d 'Stop and remove the pods the YAML defines instead of creating them'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l force -d 'With --down: remove the volumes the YAML defines too'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l replace -d 'Remove pods the YAML defines that exist, then create them again'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l publish-all -d 'Publish every containerPort too, not only those with a hostPort'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -s q -l quiet -d 'Print nothing while pulling images'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -s w -l wait -d 'Wait for the pods to exit (or ctrl+c, SIGTERM), then remove what was played'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from help" -f -a "kube" -d 'Play containers, pods or volumes from a Kubernetes YAML file'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -f -a "monitor" -d 'Supervise one container (started by `run -d` and `start`)'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -f -a "gen-docs" -d 'Write or check the man pages and shell completions generated from this CLI'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -f -a "exec" -d 'Run a command in a running container, given the host pid of its PID 1 (for tests)'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -f -a "network-lease" -d 'Lease (or release) addresses on a network for a container ID (for tests)'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -f -a "network-holder" -d 'Hold the namespace of bridge networks while containers use them (started by `run`)'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -f -a "pod-holder" -d 'Be PID 1 of a pod\'s shared PID namespace while its containers run (started by `start`)'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and not __fish_seen_subcommand_from monitor gen-docs exec network-lease network-holder pod-holder help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from monitor" -l ready-fd -d 'Descriptor on which to report that the container started' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from monitor" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from monitor" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from monitor" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from monitor" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from monitor" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from monitor" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from monitor" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from monitor" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from monitor" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from monitor" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from monitor" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from monitor" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from monitor" -l attach-first -d 'Wait for one attach client before starting the command (`run -it`)'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from monitor" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from monitor" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -l man-dir -d 'Directory of the man pages: the sources are in its src/, the pages go to its man1/, man5/' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -l completions-dir -d 'Directory of the shell completions' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -l check -d 'Only check that the files are up to date and the sources complete; exit 1 saying what to do'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from gen-docs" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -l pid -d 'Host pid of the container\'s PID 1' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -s u -l user -d 'Sets the username or UID used and optionally the groupname or GID for the specified command' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -l privileged -d 'Give the process extended Linux capabilities inside the container.  The default is false' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep stdin open'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a pseudo-TTY. The default is false'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Run the exec session in detached mode (backgrounded)'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -l ip -d 'A static address' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -l mac-address -d 'A static MAC address' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -l release -d 'Release the container\'s lease instead'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-lease" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-holder" -l ready-fd -d 'Descriptor on which to report that the holder listens' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-holder" -l userns-fd -d 'Descriptor of a user namespace to join instead of creating one' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-holder" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-holder" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-holder" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-holder" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-holder" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-holder" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-holder" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-holder" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-holder" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-holder" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-holder" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-holder" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-holder" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from network-holder" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from pod-holder" -l ready-fd -d 'Descriptor on which to report the holder\'s PID' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from pod-holder" -l root -d 'Path to the graph root directory where images, containers, etc. are stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from pod-holder" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from pod-holder" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from pod-holder" -l storage-driver -d 'Select which storage driver is used to manage storage of images and containers' -r -f -a "overlay\t''
vfs\t''"
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from pod-holder" -l storage-opt -d 'Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; replaces storage.conf\'s options)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from pod-holder" -l default-mounts-file -d 'Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from pod-holder" -l tmpdir -d 'Path to the tmp directory for podman\'s runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from pod-holder" -l runtime -d 'Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from pod-holder" -l runtime-flag -d 'Add global flags for the container runtime (refused: rpod has no external runtime)' -r
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from pod-holder" -l volumepath -d 'Path to the volume directory in which volume data is stored' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from pod-holder" -l hooks-dir -d 'Set the OCI hooks directory path (may be set multiple times)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from pod-holder" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from pod-holder" -l syslog -d 'Output logging information to syslog as well as the console'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from pod-holder" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from help" -f -a "monitor" -d 'Supervise one container (started by `run -d` and `start`)'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from help" -f -a "gen-docs" -d 'Write or check the man pages and shell completions generated from this CLI'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Run a command in a running container, given the host pid of its PID 1 (for tests)'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from help" -f -a "network-lease" -d 'Lease (or release) addresses on a network for a container ID (for tests)'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from help" -f -a "network-holder" -d 'Hold the namespace of bridge networks while containers use them (started by `run`)'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from help" -f -a "pod-holder" -d 'Be PID 1 of a pod\'s shared PID namespace while its containers run (started by `start`)'
complete -c rpod -n "__fish_rpod_using_subcommand internal; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "buildx" -d 'Docker\'s spelling of build: `buildx build`'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "run" -d 'Run a command in a new container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "create" -d 'Create a container without starting it'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "start" -d 'Start created or exited containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "stop" -d 'Stop running containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "kill" -d 'Send a signal to running containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "rm" -d 'Remove containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "logs" -d 'Show a container\'s output'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "update" -d 'Update an existing container\'s resource limits, restart policy and healthcheck'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "restart" -d 'Stop and start containers again'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "pause" -d 'Pause all the processes in containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "unpause" -d 'Unpause the processes in paused containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "top" -d 'Show the processes running in a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "stats" -d 'Display a live stream of container resource usage statistics'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "exec" -d 'Run a command in a running container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "attach" -d 'Attach to a running container (detach with ctrl-p,ctrl-q)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "port" -d 'List a container\'s published ports'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "export" -d 'Export a container\'s file system as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "ps" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "container" -d 'Manage containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "volume" -d 'Manage volumes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "secret" -d 'Manage secrets'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "pod" -d 'Manage pods'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "network" -d 'Manage networks'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "healthcheck" -d 'Run container healthchecks'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "images" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "image" -d 'Manage images'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "inspect" -d 'Display the configuration of an object'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "untag" -d 'Remove a name from a local image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "save" -d 'Save images to an archive or a directory'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "load" -d 'Load images from an archive or a directory'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "import" -d 'Import a tarball as a one-layer image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "push" -d 'Push an image to a registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "diff" -d 'Inspect changes to a container\'s or image\'s file systems'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "mount" -d 'Mount a working container\'s root filesystem'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "umount" -d 'Unmount working containers\' root filesystems'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "login" -d 'Log in to a container registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "logout" -d 'Log out of a container registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "unshare" -d 'Run a command in a modified user namespace'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "info" -d 'Display rpod system information'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "events" -d 'Show rpod events'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "system" -d 'Manage rpod'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "version" -d 'Display the rpod version information'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "completion" -d 'Generate shell autocompletions'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "quadlet" -d 'Generate systemd units from Quadlet files (.container, .volume, .network)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "compose" -d 'Define and run multi-container applications (Docker Compose\'s verbs)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "generate" -d 'Generate structured data (systemd units, Kubernetes YAML) from containers and pods'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "kube" -d 'Play and generate Kubernetes YAML'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "play" -d 'Play Kubernetes YAML (podman\'s older spelling of `kube play`)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "internal" -d 'Internal commands for rpod\'s own build and tests'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull build buildx run create start stop kill wait rm logs rename update restart pause unpause top stats exec attach port commit cp export ps container volume secret pod network healthcheck images image inspect history tag untag rmi save load import push diff mount umount login logout unshare info events system version completion quadlet compose generate kube play internal help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from buildx" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from buildx" -f -a "version" -d 'Show the version of the builder (rpod\'s own)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "run" -d 'Run a command in a new container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "create" -d 'Create a container without starting it'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "start" -d 'Start created or exited containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stop" -d 'Stop running containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "kill" -d 'Send a signal to running containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rm" -d 'Remove containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "logs" -d 'Show a container\'s output'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "update" -d 'Update an existing container\'s resource limits, restart policy and healthcheck'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "restart" -d 'Stop and start containers again'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "pause" -d 'Pause all the processes in containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "unpause" -d 'Unpause the processes in paused containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "top" -d 'Show the processes running in a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stats" -d 'Display a live stream of container resource usage statistics'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exec" -d 'Run a command in a running container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "attach" -d 'Attach to a running container (detach with ctrl-p,ctrl-q)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "port" -d 'List a container\'s published ports'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "export" -d 'Export a container\'s file system as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "list" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "inspect" -d 'Show containers\' configuration and state as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "cleanup" -d 'Clean up network and mountpoints of one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exists" -d 'Exit 0 when the container exists, 1 when not'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "prune" -d 'Remove all stopped containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "diff" -d 'Inspect changes to a container\'s file system'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "mount" -d 'Mount a working container\'s root filesystem'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "umount" -d 'Unmount working containers\' root filesystems'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "create" -d 'Create a volume'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "ls" -d 'List volumes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "inspect" -d 'Show volumes\' details as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "rm" -d 'Remove volumes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "prune" -d 'Remove all volumes no container uses'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "exists" -d 'Exit 0 when the volume exists, 1 when not'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "export" -d 'Write a volume\'s content as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "import" -d 'Fill a volume from a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "mount" -d 'Print a volume\'s mount point (rootless: inside `rpod unshare`)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "unmount" -d 'Undo `volume mount`'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "create" -d 'Create a new secret'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "ls" -d 'List secrets'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "inspect" -d 'Inspect a secret'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "rm" -d 'Remove one or more secrets'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "exists" -d 'Check if a secret exists in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "create" -d 'Create a new empty pod'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "ps" -d 'List pods'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "inspect" -d 'Show pods\' details as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "top" -d 'Display the running processes of the containers in a pod'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "logs" -d 'Print the logs of the containers in a pod'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "stats" -d 'Display resource usage of the containers in pods'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "start" -d 'Start the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "stop" -d 'Stop the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "restart" -d 'Restart the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "kill" -d 'Send a signal to the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "pause" -d 'Pause the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "unpause" -d 'Unpause the containers of pods'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "rm" -d 'Remove pods and their containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "prune" -d 'Remove all pods none of whose containers runs'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "exists" -d 'Exit 0 when the pod exists, 1 when not'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "create" -d 'Create a network'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "ls" -d 'List networks'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "inspect" -d 'Show networks\' configuration as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "rm" -d 'Remove networks'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "exists" -d 'Exit 0 when the network exists, 1 when not'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "prune" -d 'Remove networks no container uses'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "reload" -d 'Reconnect containers to their networks (port relays and rules again, the same addresses)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "connect" -d 'Connect a container to a network (a running one at once)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "disconnect" -d 'Disconnect a container from a network (a running one at once)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from healthcheck" -f -a "run" -d 'Run a container\'s healthcheck now; exit 0 when it passes, 1 when it fails'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "ls" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "untag" -d 'Remove a name from a local image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "inspect" -d 'Display the configuration of an image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "prune" -d 'Remove unused images'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "exists" -d 'Check if an image exists in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "save" -d 'Save images to an archive or a directory'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "load" -d 'Load images from an archive or a directory'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "import" -d 'Import a tarball as a one-layer image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "push" -d 'Push an image to a registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "diff" -d 'Inspect changes to an image\'s file system'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "mount" -d 'Mount an image\'s root filesystem'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "umount" -d 'Unmount images\' root filesystems'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "events" -d 'Show rpod events'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "info" -d 'Display rpod system information'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "reset" -d 'Reset rpod storage: remove all images, layers and containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "df" -d 'Show rpod disk usage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "prune" -d 'Remove unused data: stopped containers, unused networks, dangling images'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "config" -d 'Parse, resolve and render the compose file in canonical format'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "up" -d 'Create and start containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "down" -d 'Stop and remove containers, networks'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "ps" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "logs" -d 'View output from containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "build" -d 'Build or rebuild services'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "pull" -d 'Pull service images'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "create" -d 'Creates containers for a service'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "start" -d 'Start services'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "stop" -d 'Stop services'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "restart" -d 'Restart service containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "pause" -d 'Pause services'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "unpause" -d 'Unpause services'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "kill" -d 'Force stop service containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "rm" -d 'Removes stopped service containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "exec" -d 'Execute a command in a running container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "run" -d 'Run a one-off command on a service'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "top" -d 'Display the running processes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "port" -d 'Print the public port for a port binding'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "images" -d 'List images used by the created containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "ls" -d 'List running compose projects'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from compose" -f -a "push" -d 'Push service images'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "systemd" -d 'Generate systemd service files for a container or a pod'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "kube" -d 'Generate Kubernetes YAML from containers, pods or volumes (as `kube generate`)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from kube" -f -a "play" -d 'Play containers, pods or volumes from a Kubernetes YAML file'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from kube" -f -a "down" -d 'Remove the pods and containers a Kubernetes YAML file made'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from kube" -f -a "generate" -d 'Generate Kubernetes YAML from containers, pods or volumes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from play" -f -a "kube" -d 'Play containers, pods or volumes from a Kubernetes YAML file'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from internal" -f -a "monitor" -d 'Supervise one container (started by `run -d` and `start`)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from internal" -f -a "gen-docs" -d 'Write or check the man pages and shell completions generated from this CLI'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from internal" -f -a "exec" -d 'Run a command in a running container, given the host pid of its PID 1 (for tests)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from internal" -f -a "network-lease" -d 'Lease (or release) addresses on a network for a container ID (for tests)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from internal" -f -a "network-holder" -d 'Hold the namespace of bridge networks while containers use them (started by `run`)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from internal" -f -a "pod-holder" -d 'Be PID 1 of a pod\'s shared PID namespace while its containers run (started by `start`)'
