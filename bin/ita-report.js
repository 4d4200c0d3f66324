#!/usr/bin/env node
// The CLI is written in TypeScript and run through tsx, so a clone works without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
