import { describe, expect, it } from '@jest/globals';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleChecksum, readModelBundle } from '@app/deployment';

async function folder(files: Record<string, string>): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'models-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(directory, name, '..'), { recursive: true });
    await writeFile(join(directory, name), content);
  }
  return directory;
}

describe('model bundle', () => {
  it('reads models, decisions and forms below the folder in a stable order, nothing else', async () => {
    const directory = await folder({ 'b.bpmn': '<b/>', 'a.dmn': '<a/>', 'forms/x.form': '{}', 'README.md': '#', 'forms/notes.txt': 'x' });
    const bundle = await readModelBundle(directory);
    expect(bundle.map((file) => [file.name, file.kind])).toEqual([
      ['a.dmn', 'dmn'],
      ['b.bpmn', 'bpmn'],
      ['forms/x.form', 'form'],
    ]);
  });

  it('has a checksum that follows names and contents only', async () => {
    const one = await readModelBundle(await folder({ 'a.bpmn': '<a/>', 'forms/x.form': '{}' }));
    const same = await readModelBundle(await folder({ 'forms/x.form': '{}', 'a.bpmn': '<a/>', 'ignored.txt': 'x' }));
    const changed = await readModelBundle(await folder({ 'a.bpmn': '<a />', 'forms/x.form': '{}' }));
    const renamed = await readModelBundle(await folder({ 'b.bpmn': '<a/>', 'forms/x.form': '{}' }));
    expect(bundleChecksum(same)).toBe(bundleChecksum(one));
    expect(bundleChecksum(changed)).not.toBe(bundleChecksum(one));
    expect(bundleChecksum(renamed)).not.toBe(bundleChecksum(one));
  });
});
