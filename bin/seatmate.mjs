#!/usr/bin/env node
// The `seatmate` command (AUTOMATION-CONTRACT §1). The sources are TypeScript; tsx compiles them
// on the fly so the CLI, the tests and the web host run the very same code as the app.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
