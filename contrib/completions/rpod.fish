# fish completion for rpod, written by `rpod completion fish`. The
# candidates come from rpod itself: `rpod __complete WORDS...` prints one a
# line (a TAB before its description), then `:N` (cobra's ShellCompDirective
# bits: 1 error, 2 no space, 4 no file completion, 8 file extensions,
# 16 directories only).

# Asks rpod for the candidates of the command line; true when rpod's answer
# replaces fish's own file completion (candidates, or files refused).
function __rpod_prepare
    set -g __rpod_results
    set -l args (commandline -opc)
    set -l current (commandline -ct)
    set -l out ($args[1] __complete $args[2..-1] $current 2>/dev/null)
    or return 1
    set -l directive (string replace -r '^:' '' -- $out[-1])
    string match -qr '^[0-9]+$' -- $directive; or set directive 0
    set -e out[-1]
    if test (math -s0 "$directive % 2") -eq 1
        return 0
    end
    # Extension filters and directories: fish's own file completion.
    if test (math -s0 "$directive / 8 % 4") -ne 0
        return 1
    end
    # A flag's value after `=`: fish replaces the whole word.
    set -l prefix ''
    if string match -qr -- '^-[^=]*=' $current
        set prefix (string replace -r -- '=.*' '=' $current)
    end
    for line in $out
        set -a __rpod_results "$prefix$line"
    end
    if test (count $__rpod_results) -gt 0
        return 0
    end
    test (math -s0 "$directive / 4 % 2") -eq 1
end

complete -c rpod -e
complete -c rpod -n __rpod_prepare -f -a '$__rpod_results'
