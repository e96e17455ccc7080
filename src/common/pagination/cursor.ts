import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { InvalidInputError } from '../errors/app-error.js';

export type CursorValue = string | number;

/** 128 bits of HMAC-SHA256: enough against forgery, short enough for a URL. */
const MAC_BYTES = 16;

/**
 * Opaque cursors: the sort key values of a row as base64url JSON, then a MAC over them and the
 * order they were read in, keyed from the app's secret. A client can neither forge a cursor's
 * values nor pass one list's cursor to a list sorted on other keys: what decodes is what this app
 * issued for that order.
 */
@Injectable()
export class Cursors {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = Buffer.from(
      hkdfSync('sha256', config.auth.jwtSecret, '', 'fanrally pagination cursors', 32),
    );
  }

  /** `order` names the sort keys, e.g. "e.starts_at ASC, e.id ASC". */
  encode(order: string, values: CursorValue[]): string {
    const body = Buffer.from(JSON.stringify(values)).toString('base64url');
    return `${body}.${this.mac(order, body).toString('base64url')}`;
  }

  /** The values of a cursor issued for this order; BAD_USER_INPUT naming `after` for any other. */
  decode(order: string, cursor: string): CursorValue[] {
    const [body, mac, ...rest] = cursor.split('.');
    if (mac !== undefined && !rest.length) {
      const given = Buffer.from(mac, 'base64url');
      const expected = this.mac(order, body);
      if (given.length === MAC_BYTES && timingSafeEqual(given, expected)) {
        return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CursorValue[];
      }
    }
    throw InvalidInputError.of('after', 'is not a cursor of this list');
  }

  private mac(order: string, body: string): Buffer {
    return createHmac('sha256', this.key)
      .update(`${order}\n${body}`)
      .digest()
      .subarray(0, MAC_BYTES);
  }
}
