import inquirer from 'inquirer';
import { print } from './output.js';

/** The questions init asks, behind an interface so the flow is tested with scripted answers. */
export interface Prompter {
  input(question: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  confirm(question: { message: string; default?: boolean }): Promise<boolean>;
  select<T extends string>(question: { message: string; choices: readonly { name: string; value: T; description?: string }[]; default?: T }): Promise<T>;
  /** A line of information between questions. */
  say(text: string): void;
}

/** The real prompts (inquirer), on the terminal. The only place inquirer is imported. */
export const inquirerPrompter: Prompter = {
  async input(q) {
    const { value } = await inquirer.prompt<{ value: string }>([{ type: 'input', name: 'value', message: q.message, default: q.default, validate: q.validate }]);
    return value.trim();
  },
  async confirm(q) {
    const { value } = await inquirer.prompt<{ value: boolean }>([{ type: 'confirm', name: 'value', message: q.message, default: q.default }]);
    return value;
  },
  async select<T extends string>(q: { message: string; choices: readonly { name: string; value: T; description?: string }[]; default?: T }) {
    const { value } = await inquirer.prompt<{ value: T }>([{ type: 'select', name: 'value', message: q.message, choices: [...q.choices], default: q.default, pageSize: 12 }]);
    return value;
  },
  say: (text) => print(text),
};
