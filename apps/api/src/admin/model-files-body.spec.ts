import { describe, expect, it } from '@jest/globals';
import { isModelFilesPath } from './model-files-body.js';

describe('isModelFilesPath', () => {
  it('takes the drafts, everything below them, and the check', () => {
    expect(isModelFilesPath('/admin/drafts')).toBe(true);
    expect(isModelFilesPath('/admin/drafts/0b6c9a52-35f4-4f0e-9a36-7e0c0a4b1d11')).toBe(true);
    expect(isModelFilesPath('/admin/drafts/0b6c9a52-35f4-4f0e-9a36-7e0c0a4b1d11/deploy')).toBe(true);
    expect(isModelFilesPath('/admin/deployments/check?x=1')).toBe(true);
  });

  it('leaves every other route to the app-wide parser, also those that only begin alike', () => {
    expect(isModelFilesPath('/admin/deployments')).toBe(false);
    expect(isModelFilesPath('/admin/draftsy')).toBe(false);
    expect(isModelFilesPath('/admin/deployments/checks')).toBe(false);
    expect(isModelFilesPath('/intentions')).toBe(false);
    expect(isModelFilesPath('/x?next=/admin/drafts')).toBe(false);
  });
});
