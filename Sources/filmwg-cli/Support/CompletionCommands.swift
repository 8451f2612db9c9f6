import FilmWG
import Foundation

/// `filmwg completion bash | zsh`: shell completion generated from `CLI.commands`, so every
/// noun, verb and option a command declares is completed, and nothing it does not.
enum CompletionCommands {
    static let all: [Command] = [bash, zsh]

    static let bash = completion(
        "bash",
        discussion:
            "Load it in the current shell with: source <(filmwg completion bash), or save it in /etc/bash_completion.d/filmwg.",
        example: "filmwg completion bash > ~/.local/share/bash-completion/completions/filmwg"
    ) { $0.bash() }

    static let zsh = completion(
        "zsh",
        discussion:
            "Save it as _filmwg in a folder of $fpath, or load it after compinit with: source <(filmwg completion zsh).",
        example: "filmwg completion zsh > ~/.zfunc/_filmwg"
    ) { $0.zsh() }

    /// `filmwg completion SHELL`: the script `script` writes from the command tree.
    static func completion(
        _ shell: String, discussion: String, example: String,
        script: @escaping @Sendable (CompletionScript) -> String
    ) -> Command {
        Command(
            ["completion", shell], abstract: "Print a \(shell) completion script for filmwg.",
            discussion: discussion, example: example,
            run: .plain { arguments, context in
                try arguments.noPositionals()
                context.output.write(script(CompletionScript(commands: CLI.commands)))
            })
    }
}

/// The command tree as completion needs it, and the two scripts written from it.
struct CompletionScript {
    struct Child {
        let word: String
        let description: String
    }

    /// Children of every prefix of a command path ("" is the top), in order.
    var children: [(path: String, children: [Child])] = []
    /// Options of every command, by its path, the global ones included.
    var options: [(path: String, options: [Option])] = []
    /// Commands whose positional argument is a file.
    var fileArguments: Set<String> = []
    /// Choices of option values written as `a|b|c` (e.g. --format), by option name.
    var choices: [String: [String]] = [:]
    /// Options whose value is a file.
    var fileOptions: Set<String> = []
    /// Values of an option that depend on the noun (`company --kind` is not `event --kind`),
    /// as `NOUN --option` → values; only for options the noun's commands take.
    var nounChoices: [(key: String, values: [String])] = []
    /// Options whose values are policy codes, completed from the database when it answers
    /// (`filmwg policy list`); nothing is offered when it does not.
    var policyOptions: Set<String> = ["policy"]

    static let vocabularies: [(noun: String, option: String, values: [String])] = [
        ("company", "kind", CompanyKind.names), ("company", "tier", MembershipTier.names),
        ("event", "kind", Event.kinds), ("member", "tier", MembershipTier.names),
        ("attendance", "role", Attendance.roles), ("grant", "status", Grant.statuses),
        ("jobs", "status", JobRun.statuses),
    ]

    init(commands: [Command]) {
        var tree: [String: [String: String]] = [:]
        var order: [String] = []
        for command in commands {
            for depth in 0..<command.path.count {
                let prefix = command.path[..<depth].joined(separator: " ")
                let word = command.path[depth]
                if tree[prefix] == nil { order.append(prefix) }
                let isLeaf = depth == command.path.count - 1
                var known = tree[prefix, default: [:]]
                if isLeaf || known[word] == nil {
                    known[word] = isLeaf ? command.abstract : ""
                }
                tree[prefix] = known
            }
            let all = command.options + GlobalOptions.all
            options.append((command.name, all))
            if command.usage.contains("FILE") { fileArguments.insert(command.name) }
            for option in all {
                guard let value = option.value else { continue }
                if value.contains("|") { choices[option.name] = value.split(separator: "|").map(String.init) }
                if value.contains("FILE") { fileOptions.insert(option.name) }
            }
        }
        for (noun, option, values) in Self.vocabularies
        where commands.contains(where: { $0.path.first == noun && $0.options.contains { $0.name == option } }) {
            nounChoices.append(("\(noun) --\(option)", values))
        }
        for prefix in order.sorted() {
            let words = tree[prefix] ?? [:]
            children.append(
                (
                    prefix,
                    words.keys.sorted().map { word in
                        var description = words[word] ?? ""
                        if description.isEmpty {
                            let path = prefix.isEmpty ? word : prefix + " " + word
                            let verbs = commands.filter { $0.name.hasPrefix(path + " ") }.map {
                                $0.path[path.split(separator: " ").count]
                            }
                            var unique: [String] = []
                            for verb in verbs where !unique.contains(verb) { unique.append(verb) }
                            description = "\(word) commands: " + unique.joined(separator: ", ")
                        }
                        return Child(word: word, description: description)
                    }
                ))
        }
    }

    /// A single-quoted shell word.
    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    static let header = "filmwg completion, generated by `filmwg completion` from the commands this filmwg knows."

    /// The shell command that prints the policy codes, for the options that name a policy.
    static let policyCodes = "filmwg policy list --format csv 2>/dev/null | awk -F, 'NR > 1 { print $2 }'"

    /// The cases that complete an option's value, in the same order in every shell: the
    /// options whose values depend on the noun, `between`, then the policy options, the
    /// options with fixed values and the file options; each shell spells one case.
    func valueCases(
        between: String, noun: (String, [String]) -> String, policy: (String) -> String,
        choice: (String, [String]) -> String, file: (String) -> String
    ) -> String {
        var out = nounChoices.map { noun($0.0, $0.1) }.joined() + between
        out += policyOptions.sorted().map(policy).joined()
        out += choices.sorted(by: { $0.key < $1.key }).map { choice($0.key, $0.value) }.joined()
        return out + fileOptions.sorted().map(file).joined()
    }

    func bash() -> String {
        var out = "# \(Self.header)\n# Load it with: source <(filmwg completion bash)\n\n"
        out += "_filmwg_children() {\n    case \"$1\" in\n"
        for (path, kids) in children {
            out += "        \(Self.quote(path))) echo \(Self.quote(kids.map(\.word).joined(separator: " "))) ;;\n"
        }
        out += "    esac\n}\n\n_filmwg_options() {\n    case \"$1\" in\n"
        for (path, options) in options {
            out +=
                "        \(Self.quote(path))) echo \(Self.quote(options.map { "--" + $0.name }.joined(separator: " "))) ;;\n"
        }
        out += "        *) echo \(Self.quote(GlobalOptions.all.map { "--" + $0.name }.joined(separator: " "))) ;;\n"
        out += "    esac\n}\n\n_filmwg_valued() {\n    case \"$1\" in\n"
        for (path, options) in options {
            let valued = options.filter { $0.value != nil }.map { "--" + $0.name }
            out += "        \(Self.quote(path))) echo \(Self.quote(valued.joined(separator: " "))) ;;\n"
        }
        let globalValued = GlobalOptions.all.filter { $0.value != nil }.map { "--" + $0.name }
        out += "        *) echo \(Self.quote(globalValued.joined(separator: " "))) ;;\n    esac\n}\n\n"
        out += """
            _filmwg() {
                local cur="${COMP_WORDS[COMP_CWORD]}" prev="" cmdpath="" word i
                (( COMP_CWORD > 0 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"
                for (( i = 1; i < COMP_CWORD; i++ )); do
                    word="${COMP_WORDS[i]}"
                    if [[ $word == --* ]]; then
                        if [[ $word != *=* && " $(_filmwg_valued "$cmdpath") " == *" $word "* ]]; then
                            (( i++ ))
                        fi
                        continue
                    fi
                    if [[ " $(_filmwg_children "$cmdpath") " == *" $word "* ]]; then
                        cmdpath="${cmdpath:+$cmdpath }$word"
                    fi
                done
                COMPREPLY=()
                if [[ $prev == --* && " $(_filmwg_valued "$cmdpath") " == *" $prev "* ]]; then
                    case "${cmdpath%% *} $prev" in

            """
        out += valueCases(
            between: "        esac\n        case \"$prev\" in\n",
            noun: { key, values in
                "            \(Self.quote(key))) COMPREPLY=( $(compgen -W \(Self.quote(values.joined(separator: " "))) -- \"$cur\") ); return 0 ;;\n"
            },
            policy: { name in
                "            --\(name)) COMPREPLY=( $(compgen -W \"$(\(Self.policyCodes))\" -- \"$cur\") ) ;;\n"
            },
            choice: { name, values in
                "            --\(name)) COMPREPLY=( $(compgen -W \(Self.quote(values.joined(separator: " "))) -- \"$cur\") ) ;;\n"
            },
            file: { name in "            --\(name)) COMPREPLY=( $(compgen -f -- \"$cur\") ) ;;\n" })
        out += """
                    esac
                    return 0
                fi
                if [[ $cur == -* ]]; then
                    COMPREPLY=( $(compgen -W "$(_filmwg_options "$cmdpath")" -- "$cur") )
                    return 0
                fi
                local children
                children="$(_filmwg_children "$cmdpath")"
                if [[ -n $children ]]; then
                    COMPREPLY=( $(compgen -W "$children" -- "$cur") )
                else
                    case "$cmdpath" in

            """
        for path in fileArguments.sorted() {
            out += "                \(Self.quote(path))) COMPREPLY=( $(compgen -f -- \"$cur\") ) ;;\n"
        }
        out += """
                    esac
                fi
                return 0
            }

            complete -o filenames -F _filmwg filmwg

            """
        return out
    }

    /// `name:description` for zsh's _describe, quoted; colons in the name escaped.
    static func describe(_ name: String, _ description: String) -> String {
        quote(name.replacingOccurrences(of: ":", with: "\\:") + ":" + description)
    }

    func zsh() -> String {
        var out = "#compdef filmwg\n# \(Self.header)\n"
        out +=
            "# Save it as _filmwg in a folder of $fpath, or load it after compinit with: source <(filmwg completion zsh)\n\n"
        out += "_filmwg_children() {\n    case $1 in\n"
        for (path, kids) in children {
            out +=
                "        \(Self.quote(path))) reply=(\(kids.map { Self.describe($0.word, $0.description) }.joined(separator: " "))) ;;\n"
        }
        out += "        *) reply=() ;;\n    esac\n}\n\n_filmwg_options() {\n    case $1 in\n"
        let describeOptions = { (options: [Option]) in
            options.map { Self.describe("--" + $0.name, $0.help) }.joined(separator: " ")
        }
        for (path, options) in options {
            out += "        \(Self.quote(path))) reply=(\(describeOptions(options))) ;;\n"
        }
        out += "        *) reply=(\(describeOptions(GlobalOptions.all))) ;;\n    esac\n}\n\n"
        out += "_filmwg_valued() {\n    case $1 in\n"
        for (path, options) in options {
            let valued = options.filter { $0.value != nil }.map { Self.quote("--" + $0.name) }
            out += "        \(Self.quote(path))) reply=(\(valued.joined(separator: " "))) ;;\n"
        }
        let globalValued = GlobalOptions.all.filter { $0.value != nil }.map { Self.quote("--" + $0.name) }
        out += "        *) reply=(\(globalValued.joined(separator: " "))) ;;\n    esac\n}\n\n"
        out += """
            _filmwg() {
                local cmdpath='' word prev cur
                local -a reply kids names valued
                local -i i
                for (( i = 2; i < CURRENT; i++ )); do
                    word=${words[i]}
                    if [[ $word == --* ]]; then
                        _filmwg_valued "$cmdpath"; valued=("${reply[@]}")
                        if [[ $word != *=* ]] && (( ${valued[(Ie)$word]} )); then
                            (( i++ ))
                        fi
                        continue
                    fi
                    _filmwg_children "$cmdpath"; names=("${reply[@]%%:*}")
                    if (( ${names[(Ie)$word]} )); then
                        cmdpath=${cmdpath:+$cmdpath }$word
                    fi
                done
                prev=${words[CURRENT-1]}
                cur=${words[CURRENT]}
                _filmwg_valued "$cmdpath"; valued=("${reply[@]}")
                if [[ $prev == --* ]] && (( ${valued[(Ie)$prev]} )); then
                    case "${cmdpath%% *} $prev" in

            """
        out += valueCases(
            between: "        esac\n        case $prev in\n",
            noun: { key, values in
                "            \(Self.quote(key))) compadd -- \(values.map(Self.quote).joined(separator: " ")); return ;;\n"
            },
            policy: { name in "            --\(name)) compadd -- ${(f)\"$(\(Self.policyCodes))\"} ;;\n" },
            choice: { name, values in
                "            --\(name)) compadd -- \(values.map(Self.quote).joined(separator: " ")) ;;\n"
            },
            file: { name in "            --\(name)) _files ;;\n" })
        out += """
                        *) _message 'value' ;;
                    esac
                    return
                fi
                if [[ $cur == -* ]]; then
                    _filmwg_options "$cmdpath"; kids=("${reply[@]}")
                    _describe -t options 'option' kids
                    return
                fi
                _filmwg_children "$cmdpath"; kids=("${reply[@]}")
                if (( ${#kids} )); then
                    _describe -t commands 'command' kids
                else
                    case $cmdpath in

            """
        for path in fileArguments.sorted() {
            out += "                \(Self.quote(path))) _files ;;\n"
        }
        out += """
                    esac
                fi
            }

            if [[ $funcstack[1] == _filmwg ]]; then
                _filmwg "$@"
            else
                compdef _filmwg filmwg
            fi

            """
        return out
    }
}
