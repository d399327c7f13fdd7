/**
 * The case.yaml of the chat cases: Dana Client is the client, Sam Seller the merchant, in
 * London, in USD. The case id, profile, reason and amount vary; `aliases` goes under client
 * (a YAML flow list), `extra` (items, summary …) after the merchant.
 */
export function danaCaseYaml(
  fields: { case: string; profile: string; reason: string; amount: string },
  options: { aliases?: string; extra?: string } = {},
): string {
  return `case: ${fields.case}
profile: ${fields.profile}
reason: ${fields.reason}
amount: ${fields.amount}
currency: USD
timezone: Europe/London
client:
  name: Dana Client
  email: dana@example.com
${options.aliases ? `  aliases: ${options.aliases}\n` : ''}merchant: { name: Sam Seller, email: sam@seller.example }
${options.extra ?? ''}`;
}
