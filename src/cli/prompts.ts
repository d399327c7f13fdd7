import { confirm, input, select } from '@inquirer/prompts';
import { InterruptedError } from '../errors.js';
import { print } from './output.js';

/** The questions init asks, behind an interface so the flow is tested with scripted answers. */
export interface Prompter {
  input(question: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  confirm(question: { message: string; default?: boolean }): Promise<boolean>;
  select<T extends string>(question: { message: string; choices: readonly { name: string; value: T; description?: string }[]; default?: T }): Promise<T>;
  /** A line of information between questions. */
  say(text: string): void;
}

/**
 * A prompt's answer; Ctrl-C (or Ctrl-D) at the prompt, which @inquirer/prompts reports as an
 * ExitPromptError, is the user stopping: exit 130 with nothing written, not an internal error.
 */
async function asked<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') throw new InterruptedError('stopped at a question (Ctrl-C): nothing was written');
    throw error;
  }
}

/** The real prompts (@inquirer/prompts), on the terminal. The only place they are imported. */
export const inquirerPrompter: Prompter = {
  async input(q) {
    return (
      await asked(input({ message: q.message, ...(q.default !== undefined ? { default: q.default } : {}), ...(q.validate ? { validate: q.validate } : {}) }))
    ).trim();
  },
  confirm: (q) => asked(confirm({ message: q.message, ...(q.default !== undefined ? { default: q.default } : {}) })),
  select: <T extends string>(q: { message: string; choices: readonly { name: string; value: T; description?: string }[]; default?: T }) =>
    asked(
      select<T>({
        message: q.message,
        choices: q.choices.map((c) => ({ name: c.name, value: c.value, ...(c.description ? { description: c.description } : {}) })),
        ...(q.default !== undefined ? { default: q.default } : {}),
        pageSize: 12,
      }),
    ),
  say: (text) => print(text),
};
