import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { nodeResources, packageRoot } from '../../src/resources/node.ts';
import { resources } from '../../src/resources/resources.ts';

describe('Resources (src/resources): what the core reads, installed by an entry point', () => {
  it('is installed for the tests (test/setup-resources.ts) as the Node implementation', () => {
    expect(resources()).toBe(nodeResources);
  });

  it('says which entry point forgot to install it, rather than failing somewhere in the core', async () => {
    vi.resetModules();
    const fresh = await import('../../src/resources/resources.ts');
    expect(() => fresh.resources()).toThrow(/no Resources installed.*installResources/);
  });

  it('finds the package folder once, with the tool files beside its package.json', () => {
    for (const part of ['package.json', 'frameworks', 'templates', 'assets', 'fonts']) expect(existsSync(path.join(packageRoot, part))).toBe(true);
  });

  it('reads the tool files by their path from the package root, and lists a folder sorted', () => {
    expect(nodeResources.text('assets/garuda.svg')).toMatch(/<svg/);
    expect(nodeResources.text('frameworks/1999.yaml')).toBeUndefined();
    const partials = nodeResources.list('templates/partials');
    expect(partials.length).toBeGreaterThan(0);
    expect(partials).toEqual([...partials].sort());
    expect(nodeResources.list('no-such-folder')).toEqual([]);
  });
});
