// Which column of a ticket export holds what: roles, the helpdesks' presets, header recognition.
// Mirrors assessment/evidence/columns.py (same presets, same recognition, same messages).
// Twin: assessment/evidence/columns.py (the same rule in Python).

export const ROLES = ['id', 'arrived', 'replied', 'reply_minutes', 'reply_seconds', 'reply_milliseconds', 'channel', 'forwarded'];
export const REPLY_ROLES = ['replied', 'reply_minutes', 'reply_seconds', 'reply_milliseconds'];
export const DURATION_UNIT = { reply_minutes: 'minutes', reply_seconds: 'seconds', reply_milliseconds: 'milliseconds' };

// role -> header names it may carry, first found wins (sources in evidence/columns.py).
export const PRESETS = [
  { name: 'zendesk', label: 'Zendesk', columns: {
    id: ['ID'], arrived: ['Created at'], reply_minutes: ['First reply time in minutes'], channel: ['Via'] } },
  { name: 'freshdesk', label: 'Freshdesk', columns: {
    id: ['Ticket ID'], arrived: ['Created time'], replied: ['Initial response time'], channel: ['Source'] } },
  { name: 'zammad', label: 'Zammad', columns: {
    id: ['#', 'Number'], arrived: ['Created At'], replied: ['First Response At'], channel: ['Create Channel'] } },
  { name: 'qidian', label: '腾讯企点', columns: {
    arrived: ['客户首次发送消息时间', '会话开始时间'], replied: ['客服首次发送消息时间'], channel: ['会话通路'] } },
  { name: 'qiyu', label: '网易七鱼', columns: {
    id: ['sessionId', 'id'], arrived: ['clientFirstMessageTime'], replied: ['staffFirstReplyTime'], channel: ['fromType'] } },
];
export const PRESET_NAMES = PRESETS.map((p) => p.name);

const EDGES = /^[ \t\r\n\u00a0\u3000\ufeff]+|[ \t\r\n\u00a0\u3000\ufeff]+$/g;

// A header as compared: trimmed of blanks and a BOM, ASCII letters in lower case.
export function headerKey(name) {
  return name.replace(EDGES, '').replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function find(header, names) {
  const keys = header.map(headerKey);
  for (const name of names) {
    const index = keys.indexOf(headerKey(name));
    if (index !== -1) return index;
  }
  return null;
}

export function presetMapping(preset, header) {
  const out = {};
  for (const [role, names] of Object.entries(preset.columns)) {
    const index = find(header, names);
    if (index !== null) out[role] = index;
  }
  return out;
}

const complete = (mapping) => 'arrived' in mapping && REPLY_ROLES.some((r) => r in mapping);

// The first preset whose arrival and reply columns are all in the header, or null.
export function recognise(header) {
  for (const preset of PRESETS) if (complete(presetMapping(preset, header))) return preset.name;
  return null;
}

export class MappingError extends Error {}

// [preset used, {role: column index}] from a preset (named, or recognised) and hand mappings
// ([column, role] pairs); a reply role given by hand replaces the preset's reply role.
export function resolve(header, preset, overrides) {
  if (preset !== null && !PRESET_NAMES.includes(preset)) {
    throw new MappingError(`--preset: unknown preset '${preset}' (known: ${PRESET_NAMES.join(', ')})`);
  }
  let used = preset !== null ? preset : recognise(header);
  const mapping = used ? presetMapping(PRESETS.find((p) => p.name === used), header) : {};
  for (const [column, role] of overrides) {
    if (!ROLES.includes(role)) {
      throw new MappingError(`--map ${column}=${role}: unknown role '${role}' (roles: ${ROLES.join(', ')})`);
    }
    const index = find(header, [column]);
    if (index === null) throw new MappingError(`--map ${column}=${role}: no column '${column}' in the header`);
    if (REPLY_ROLES.includes(role)) for (const other of REPLY_ROLES) delete mapping[other];
    mapping[role] = index;
  }
  if (!('arrived' in mapping)) {
    throw new MappingError("header: no column for the contact's arrival time; choose a preset or map one "
      + '(COLUMN=arrived)');
  }
  if (!REPLY_ROLES.some((r) => r in mapping)) {
    throw new MappingError('header: no column for the first reply; map one (COLUMN=replied, or a duration: '
      + 'reply_minutes, reply_seconds, reply_milliseconds)');
  }
  if (used !== null && overrides.length) used = `${used}+map`;
  else if (used === null) used = 'map';
  const ordered = {};
  for (const role of ROLES) if (role in mapping) ordered[role] = mapping[role];
  return [used, ordered];
}
