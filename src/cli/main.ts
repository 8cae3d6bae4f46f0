// Entry point of the `briefing` CLI: dispatches to a subcommand, turns expected failures into one line and exit 2.
import { version as VERSION } from '../../package.json';
import { parseArgs, UsageError } from './args';
import { COMMON_FLAGS, type Command } from './command';
import { addCommand } from './commands/add';
import { bibCommand } from './commands/bib';
import { checkCommand } from './commands/check';
import { exportCommand } from './commands/export';
import { entitiesCommand, entityCommand } from './commands/entities';
import { searchCommand } from './commands/search';
import { sourcesCommand } from './commands/sources';
import { InputError } from './context';
import { paint, processOutput, terminalOutput, type Output } from './output';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: Command[] = [
  sourcesCommand,
  searchCommand,
  checkCommand,
  exportCommand,
  bibCommand,
  entitiesCommand,
  entityCommand,
  addCommand,
];

function help(o: Output): string {
  const w = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'briefing — check and search source-grounded briefings',
    '',
    'Usage: briefing <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${paint(o, 'bold', c.name.padEnd(w))}  ${c.summary}`),
    '',
    'Common options:',
    '  --sources DIR         use the sources in DIR instead of the bundled seeds (repeatable)',
    '  --max-source-mb N     skip source files larger than N MB (default 20)',
    '  --cache DIR           keep the index in DIR (default: the user cache folder, briefing-desk/index)',
    '  --no-cache            neither read nor write a saved index',
    '  --json                machine-readable output',
    '  -h, --help            help for a command',
    '',
  ].join('\n');
}

/** Runs the CLI with `argv` (without `node` and the script); resolves to the exit code. */
export async function main(argv: string[], raw: Output = processOutput()): Promise<number> {
  // Everything printed passes through one sanitiser: no file's text reaches the terminal as a control sequence.
  const output = terminalOutput(raw);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    output.out(help(output));
    return name ? 0 : 2;
  }
  if (name === '--version') {
    output.out(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    output.err(`briefing: unknown command "${name}". Run "briefing --help" for the list.\n`);
    return 2;
  }
  try {
    const args = parseArgs(rest, { ...COMMON_FLAGS, ...command.flags });
    if (args.flags.help) {
      output.out(`Usage: ${command.usage}\n\n${command.summary}\n`);
      return 0;
    }
    return await command.run({ args, output, json: args.flags.json === true });
  } catch (e) {
    if (e instanceof UsageError) {
      output.err(`briefing ${name}: ${e.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      output.err(`briefing ${name}: ${e.message}\n`);
      return 2;
    }
    output.err(`briefing ${name}: internal error: ${(e as Error).message}\n`);
    return 3;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
