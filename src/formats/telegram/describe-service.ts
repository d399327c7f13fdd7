import { str } from '../json-input.js';
import { money, type MessageDescription } from './describe-message.js';

/** The actions Telegram Desktop writes; each is shown as its own name ("pin message"), with its details. */
const ACTIONS = new Set([
  'create_group',
  'edit_group_title',
  'edit_group_photo',
  'delete_group_photo',
  'invite_members',
  'remove_members',
  'join_group_by_link',
  'create_channel',
  'migrate_to_supergroup',
  'migrate_from_group',
  'pin_message',
  'clear_history',
  'score_in_game',
  'send_payment',
  'phone_call',
  'take_screenshot',
  'attach_menu_bot_allowed',
  'allow_sending_messages',
  'send_passport_values',
  'joined_telegram',
  'proximity_reached',
  'requested_phone_number',
  'group_call',
  'invite_to_group_call',
  'set_messages_ttl',
  'group_call_scheduled',
  'edit_chat_theme',
  'join_group_by_request',
  'send_webview_data',
  'send_premium_gift',
  'topic_created',
  'topic_edit',
  'suggest_profile_photo',
  'requested_peer',
  'set_chat_wallpaper',
  'set_same_chat_wallpaper',
]);

const seconds = (value: unknown): string | undefined => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
  return n === undefined ? undefined : `${Math.floor(n / 60)}:${String(n % 60).padStart(2, '0')}`;
};

/** The details a service message carries, each as the words it shows. */
function details(m: Record<string, unknown>): string[] {
  const out: string[] = [];
  const title = str(m.new_title) ?? str(m.title);
  if (title) out.push(title);
  if (Array.isArray(m.members)) out.push(m.members.map((n) => (typeof n === 'string' ? n : '(deleted account)')).join(', '));
  if (str(m.inviter)) out.push(`invited by ${str(m.inviter)}`);
  const length = seconds(m.duration_seconds ?? m.duration);
  if (length) out.push(length);
  if (str(m.discard_reason)) out.push(str(m.discard_reason)!);
  if (m.amount !== undefined && str(m.currency)) out.push(money(m.amount, m.currency));
  if (m.score !== undefined) out.push(`score ${String(m.score)}`);
  if (m.period !== undefined) out.push(`after ${String(m.period)} s`);
  if (str(m.emoticon)) out.push(str(m.emoticon)!);
  if (str(m.cost)) out.push(str(m.cost)!);
  if (m.months !== undefined) out.push(`${String(m.months)} month(s)`);
  if (m.distance !== undefined) out.push(`${String(m.distance)} m`);
  if (Array.isArray(m.values)) out.push(m.values.filter((v): v is string => typeof v === 'string').join(', '));
  return out.filter(Boolean);
}

/**
 * A Telegram service message (`"type": "service"`) in a short line: what the actor did and its
 * details (a call's length and outcome, a payment's amount, the members added). The actions
 * and their fields are those Telegram Desktop's exporter writes (export_output_json.cpp).
 */
export function describeService(m: Record<string, unknown>): MessageDescription {
  const action = str(m.action);
  const info = str(m.information_text);
  if (!action) return info ? { line: info } : { line: '(service message)', unknown: 'service message without an action' };
  const more = details(m);
  const line = `${action.replace(/_/g, ' ')}${more.length > 0 ? `: ${more.join(', ')}` : ''}`;
  return ACTIONS.has(action) ? { line } : { line, unknown: `action ${action}` };
}
