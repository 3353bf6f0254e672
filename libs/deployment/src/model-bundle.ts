import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export type ModelKind = 'bpmn' | 'dmn' | 'form';

export interface ModelFile {
  /** Path inside the models folder, e.g. `forms/orp-need-declaration.form`. */
  name: string;
  kind: ModelKind;
  content: Buffer;
}

const KIND_OF_EXTENSION: Readonly<Record<string, ModelKind>> = { '.bpmn': 'bpmn', '.dmn': 'dmn', '.form': 'form' };

function kindOf(name: string): ModelKind | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : KIND_OF_EXTENSION[name.slice(dot)];
}

/** An uploaded file as a model, or null when its extension is none of .bpmn, .dmn, .form. */
export function modelFile(name: string, content: Buffer): ModelFile | null {
  const kind = kindOf(name);
  return kind ? { name, kind, content } : null;
}

/** A file of the administrators' editors (its name checked against MODEL_FILE_NAME) as a model. */
export function modelFileOfSource(source: { name: string; content: string }): ModelFile {
  const file = modelFile(source.name, Buffer.from(source.content, 'utf8'));
  if (!file) throw new Error(`'${source.name}' is not the name of a model, decision or form`);
  return file;
}

/** Every process model, decision and form below `directory`, in a stable order. */
export async function readModelBundle(directory: string): Promise<ModelFile[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile() && kindOf(entry.name))
      .map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        return { name: relative(directory, path).split('\\').join('/'), kind: kindOf(entry.name)!, content: await readFile(path) };
      }),
  );
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Changes with any file's name or content, and with nothing else. */
export function bundleChecksum(files: readonly ModelFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file.name).update('\0').update(String(file.content.length)).update('\0').update(file.content);
  }
  return hash.digest('hex');
}
