import { maskText } from '../../chat/sensitive.js';

/**
 * Characters a PDF text operator cannot show as-is: tabs become spaces, controls vanish. Card
 * numbers are masked here too, before text is wrapped (a number cut over two lines would no
 * longer be recognised): whatever the model missed, no PAN is drawn.
 */
export function cleanText(text: string): string {
  return maskText(text.replace(/\t/g, '    ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ''));
}
