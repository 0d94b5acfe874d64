// The provider executable's entry point (see run.ts).
import { runProvider } from './run.js';

await runProvider(process.argv.slice(2));
