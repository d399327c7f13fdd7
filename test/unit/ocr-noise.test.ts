import { describe, expect, it } from 'vitest';
import { isOcrEngineNoise } from '../../src/cli/main.js';

describe('the OCR engine’s own complaints on stderr', () => {
  it('drops Leptonica’s "Error in <function>: …" lines, alone or several in one write, and nothing else', () => {
    expect(isOcrEngineNoise('Error in pixScanForForeground: invalid box\n')).toBe(true);
    expect(isOcrEngineNoise(Buffer.from('Error in boxClipToRectangle: box outside rectangle\nError in pixScanForForeground: invalid box\n'))).toBe(true);
    expect(isOcrEngineNoise('error ITEM_UNREADABLE  shots/a.png\n')).toBe(false);
    expect(isOcrEngineNoise('Error in pixScanForForeground: invalid box\nerror CASE_NOT_A_CASE\n')).toBe(false);
    expect(isOcrEngineNoise('Error: EACCES: permission denied, open packet.pdf\n')).toBe(false);
    expect(isOcrEngineNoise(new Uint8Array([1, 2]))).toBe(false);
  });
});
