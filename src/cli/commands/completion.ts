import { Argument, type Command } from 'commander';
import { PROFILE_NAMES } from '../../budget/profiles.js';
import { CARD_NETWORKS, DISPUTE_REASONS } from '../../evidence/manifest-schema.js';
import { UsageError } from '../../errors.js';
import type { CommandContext } from '../command.js';
import { write } from '../output.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

/** Values a flag takes from a fixed list, completed by name. */
const VALUES: Record<string, readonly string[]> = {
  '--profile': PROFILE_NAMES,
  '--network': CARD_NETWORKS,
  '--reason': DISPUTE_REASONS,
  '--paper': ['letter', 'a4'],
  '--format': ['text', 'json', 'junit', 'github'],
};

export function registerCompletion(program: Command, context: CommandContext): void {
  program
    .command('completion')
    .description('Print a shell completion script for bash, zsh or fish: commands, flags and profile names.')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .addHelpText(
      'after',
      `
Install:
  bash  evidence-packet completion bash > ~/.local/share/bash-completion/completions/evidence-packet
  zsh   evidence-packet completion zsh > "\${fpath[1]}/_evidence-packet"   (then restart zsh)
  fish  evidence-packet completion fish > ~/.config/fish/completions/evidence-packet.fish`,
    )
    .action(context.action((shell: string) => runCompletion(program, shell)));
}

/** Each command's name and long flags, read from the program itself, so the script never goes stale. */
function commandFlags(program: Command): { name: string; flags: string[]; takesValue: Set<string> }[] {
  return program.commands.map((c) => ({
    name: c.name(),
    flags: [...c.options.map((o) => o.long).filter((l): l is string => !!l), '--help'],
    takesValue: new Set(
      c.options
        .filter((o) => o.required || o.optional)
        .map((o) => o.long!)
        .filter(Boolean),
    ),
  }));
}

export function runCompletion(program: Command, shell: string): number {
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw new UsageError('USAGE_BAD_ARGUMENTS', `no completion for the shell "${shell}"`, { hint: `Use one of: ${SHELLS.join(', ')}.` });
  }
  const commands = commandFlags(program);
  write(shell === 'fish' ? fishScript(commands) : bashScript(commands, shell as Shell));
  return 0;
}

function bashScript(commands: ReturnType<typeof commandFlags>, shell: Shell): string {
  const cases = commands.map((c) => `    ${c.name}) opts="${c.flags.join(' ')}" ;;`).join('\n');
  const values = Object.entries(VALUES)
    .map(([flag, list]) => `    ${flag}) COMPREPLY=( $(compgen -W "${list.join(' ')}" -- "$cur") ); return ;;`)
    .join('\n');
  const header = shell === 'zsh' ? '#compdef evidence-packet\nautoload -U +X bashcompinit && bashcompinit\n' : '';
  return `${header}# evidence-packet completion for ${shell} (evidence-packet completion ${shell})
_evidence_packet() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="\${COMP_WORDS[1]}" opts
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=( $(compgen -W "${commands.map((c) => c.name).join(' ')} --help --version" -- "$cur") ); return
  fi
  case "$prev" in
${values}
  esac
  case "$cmd" in
${cases}
    *) opts="--help" ;;
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "$opts" -- "$cur") ); else COMPREPLY=( $(compgen -f -- "$cur") ); fi
}
complete -o filenames -F _evidence_packet evidence-packet
`;
}

function fishScript(commands: ReturnType<typeof commandFlags>): string {
  const lines = ['# evidence-packet completion for fish (evidence-packet completion fish)', 'complete -c evidence-packet -f'];
  for (const c of commands) lines.push(`complete -c evidence-packet -n '__fish_use_subcommand' -a ${c.name}`);
  for (const c of commands) {
    for (const flag of c.flags) {
      const name = flag.replace(/^--/, '');
      const list = VALUES[flag];
      const value = list ? ` -x -a '${list.join(' ')}'` : c.takesValue.has(flag) ? ' -r -F' : '';
      lines.push(`complete -c evidence-packet -n '__fish_seen_subcommand_from ${c.name}' -l ${name}${value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
