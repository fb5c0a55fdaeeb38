// Command dispatch for `seatmate` (AUTOMATION-CONTRACT §1). Each command returns its exit code.
// `seatmate web` is the web host's (src/web/cli.ts): bin/seatmate.mjs sends it there, so the
// command line and the web host never import each other.
import { runGreet } from './greet.ts';
import { runScenarios, runScript } from './scenarios.ts';
import { USAGE, UsageError } from './usage.ts';
import { runValidate } from './validate.ts';

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  validate: runValidate,
  greet: runGreet,
  scenarios: runScenarios,
  script: runScript,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const command = name !== undefined ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`${name === undefined ? 'missing command' : `unknown command "${name}"`}\n${USAGE}\n`);
    return 2;
  }
  try {
    return await command(args);
  } catch (err) {
    if (err instanceof UsageError || isParseArgsError(err)) {
      process.stderr.write(`seatmate ${name}: ${(err as Error).message}\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
}

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
