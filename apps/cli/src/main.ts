// `baton`: reads the configuration the server reads, then hands the arguments to one command.
import { readFileSync } from 'node:fs';
import { CliError } from './cli-error';
import type { Command } from './command';
import { EXIT, type ExitCode } from './exit-codes';
import { USAGE } from './usage';

/** Each command in its own module, loaded only when asked for: `--version` and `--help` load none of them. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./commands/run')).runCommand,
  validate: async () => (await import('./commands/validate')).validateCommand,
  verify: async () => (await import('./commands/verify')).verifyCommand,
  migrate: async () => (await import('./commands/migrate')).migrateCommand,
  test: async () => (await import('./commands/test')).testCommand,
  case: async () => (await import('./commands/case')).caseCommand,
};

async function main(argv: string[]): Promise<ExitCode> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-v') {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    process.stdout.write(`baton ${version}\n`);
    return EXIT.ok;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? process.stderr : process.stdout).write(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    process.stderr.write(
      `baton: there is no command "${name}". The commands are: ${Object.keys(COMMANDS).join(', ')}.\n\n${USAGE}`,
    );
    return EXIT.usage;
  }
  const { createContext } = await import('./context');
  const context = createContext();
  const command = await load();
  try {
    return await command(args, context);
  } catch (error) {
    if (!(error instanceof CliError)) {
      // A bug, not a mistake of the person's: the stack helps, and goes through the scrubber like everything else.
      context.output.err(`baton ${name}: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
      return EXIT.failed;
    }
    context.output.err(`baton ${name}: ${[error.message, ...error.details.map((d) => `  ${d}`)].join('\n')}\n`);
    return error.exitCode;
  }
}

// What fails before the configuration is read (it is wrong, so there are no secrets to scrub yet).
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`baton: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : EXIT.failed;
  },
);
