/** Cover letters: templates filled with a case's facts, and the Markdown they are written in. */
export { builtInTemplatePath, fillCoverLetter, makeCoverLetter, type CoverLetter } from './cover-letter.js';
export { escapeMarkdown, letterBlocks, markdownToPlain, type LetterBlock, type LetterRun } from './markdown.js';
