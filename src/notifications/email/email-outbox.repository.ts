import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EmailMessage } from './email-outlet.js';

const MESSAGE_FIELDS = `n.id AS "notificationId", m.email AS "to", m.display_name AS "displayName",
       n.title AS subject, n.body AS text`;

/** Which notifications still owe their email (`emailed_at IS NULL`), and recording the sent. */
@Injectable()
export class EmailOutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The emails of these deliveries not sent yet, oldest first: by delivery key, so a retried
   * job finds the rows an earlier attempt inserted (its INSERT … ON CONFLICT DO NOTHING
   * returns nothing for them).
   */
  pendingEmails(deliveryKeys: string[]): Promise<EmailMessage[]> {
    if (!deliveryKeys.length) return Promise.resolve([]);
    return this.dataSource.query<EmailMessage[]>(
      `SELECT ${MESSAGE_FIELDS}
         FROM notifications n JOIN members m ON m.id = n.member_id
        WHERE n.delivery_key = ANY($1::text[]) AND n.emailed_at IS NULL
        ORDER BY n.created_at, n.id`,
      [deliveryKeys],
    );
  }

  /** Records these notifications as emailed; returns the ids it marked (each only once). */
  async markEmailed(notificationIds: string[]): Promise<string[]> {
    if (!notificationIds.length) return [];
    const rows = await this.dataSource.query<{ id: string }[]>(
      `WITH marked AS (
         UPDATE notifications SET emailed_at = now()
          WHERE id = ANY($1::uuid[]) AND emailed_at IS NULL
          RETURNING id
       )
       SELECT id FROM marked`,
      [notificationIds],
    );
    return rows.map((row) => row.id);
  }
}
