import { randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/app-config.js';
import { InvalidInputError } from '../errors/app-error.js';
import { Cursors } from './cursor.js';

const ORDER = 'e.starts_at ASC, e.id ASC';
const VALUES = ['2027-02-10T10:00:00.000Z', '7d0c3b3e-8f4e-4a57-9a86-0d6a1b2c3d4e'];

const cursorsOf = (secret = randomBytes(32).toString('hex')) =>
  new Cursors(AppConfig.fromEnv({ JWT_SECRET: secret }));

/** What decoding a cursor threw: the field it names, or null when it decoded. */
function refusal(cursors: Cursors, order: string, cursor: string): string[] | null {
  try {
    cursors.decode(order, cursor);
    return null;
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return error.problems.map((problem) => problem.field);
  }
}

describe(Cursors.name, () => {
  const cursors = cursorsOf();

  it('gives back the values of a cursor it issued for the same order', () => {
    expect(cursors.decode(ORDER, cursors.encode(ORDER, VALUES))).toEqual(VALUES);
    expect(cursors.decode(ORDER, cursors.encode(ORDER, ['Alita', 3]))).toEqual(['Alita', 3]);
  });

  it('is an opaque string a URL carries as it is', () => {
    expect(cursors.encode(ORDER, VALUES)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('refuses a cursor of a list sorted on other keys', () => {
    const other = cursors.encode('c.name ASC, c.id ASC', VALUES);
    expect(refusal(cursors, ORDER, other)).toEqual(['after']);
  });

  it('refuses a cursor issued under another secret', () => {
    expect(refusal(cursors, ORDER, cursorsOf().encode(ORDER, VALUES))).toEqual(['after']);
  });

  it('refuses a cursor whose values were changed', () => {
    const [, mac] = cursors.encode(ORDER, VALUES).split('.');
    const changed = Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url');
    expect(refusal(cursors, ORDER, `${changed}.${mac}`)).toEqual(['after']);
  });

  it.each([
    ['no MAC', Buffer.from(JSON.stringify(VALUES)).toString('base64url')],
    ['two strings, as the cursors before', 'WyJ4IiwieSJd'],
    ['an empty MAC', `${Buffer.from(JSON.stringify(VALUES)).toString('base64url')}.`],
    ['a short MAC', `${Buffer.from(JSON.stringify(VALUES)).toString('base64url')}.AAAA`],
    ['three parts', 'a.b.c'],
    ['not base64', '!!.??'],
  ])('refuses a cursor with %s', (_, cursor) => {
    expect(refusal(cursors, ORDER, cursor)).toEqual(['after']);
  });
});
