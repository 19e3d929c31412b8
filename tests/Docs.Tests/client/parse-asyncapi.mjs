// Parses an AsyncAPI document with @asyncapi/parser and prints what a subscriber would find in it:
// node parse-asyncapi.mjs path/to/asyncapi.json → {"errors":[…],"messages":[…],"channels":[…],"operations":[…]}
import { readFile } from 'node:fs/promises';
import { Parser } from '@asyncapi/parser';

const [, , file] = process.argv;
const text = await readFile(file, 'utf8');
const { document, diagnostics } = await new Parser().parse(text);
const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
const result = { errors, messages: [], channels: [], operations: [] };
if (document) {
  result.messages = document.allMessages().all().map((m) => ({
    name: m.name(),
    payloadProperties: Object.keys(m.payload()?.properties()?.message?.properties() ?? {}),
  }));
  result.channels = document.allChannels().all().map((c) => c.address());
  result.operations = document.allOperations().all().map((o) => ({ id: o.id(), action: o.action(), channel: o.channels().all().map((c) => c.address()) }));
}
process.stdout.write(JSON.stringify(result));
process.exitCode = errors.length > 0 || !document ? 1 : 0;
