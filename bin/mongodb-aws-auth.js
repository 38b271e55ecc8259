#!/usr/bin/env node
// Launcher of the mongodb-aws-auth command; the code is in dist/lib/cli/main.js (run `npm run build` first).
import { main } from '../dist/lib/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
