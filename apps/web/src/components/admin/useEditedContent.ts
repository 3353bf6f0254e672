import { useEffect, useRef, type RefObject } from 'react';

/**
 * The life of an imperative bpmn.io editor holding one file's content: created once (and
 * destroyed with the component), given the content whenever it changes from outside, and
 * reporting its own changes. What the editor produced itself is not loaded back, which would
 * reset its view and undo stack.
 */
export function useEditedContent<Editor extends { destroy(): void }>(
  content: string,
  onChange: (content: string) => void,
  create: (report: (content: string) => void) => Editor,
  load: (editor: Editor, content: string) => unknown,
): RefObject<Editor | null> {
  const editor = useRef<Editor | null>(null);
  const current = useRef<string | null>(null);
  const change = useRef(onChange);
  change.current = onChange;
  // Only the first render's `create` is used; `load` is read when the content changes.
  const creator = useRef(create);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const instance = creator.current((saved) => {
      if (saved === current.current) return;
      current.current = saved;
      change.current(saved);
    });
    editor.current = instance;
    return () => {
      editor.current = null;
      current.current = null;
      instance.destroy();
    };
  }, []);

  useEffect(() => {
    const instance = editor.current;
    if (!instance || content === current.current) return;
    current.current = content;
    loader.current(instance, content);
  }, [content]);

  return editor;
}
