import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { EmailOutboxRepository } from './notifications/email/email-outbox.repository.js';
import { EmailOutlet } from './notifications/email/email-outlet.js';
import { FanOutService } from './notifications/fan-out.service.js';
import { NotificationPublisher } from './notifications/live/notification-publisher.js';
import { LifecycleProcessor } from './lifecycle/lifecycle.processor.js';
import { LifecycleRepository } from './lifecycle/lifecycle.repository.js';
import { Reconciler } from './lifecycle/reconciler.service.js';
import { NotificationDeliverer } from './notifications/notification-deliverer.service.js';
import { NotificationDeliveryRepository } from './notifications/notification-delivery.repository.js';
import { NotificationsProcessor } from './notifications/notifications.processor.js';
import { OutboxRelay } from './outbox/outbox-relay.service.js';
import { QueuesModule } from './queues/queues.module.js';
import { RedisModule } from './redis/redis.module.js';
import { ReminderDispatcher } from './reminders/reminder-dispatcher.service.js';
import { RemindersProcessor } from './reminders/reminders.processor.js';
import { RemindersRepository } from './reminders/reminders.repository.js';
import { TalliesProcessor } from './tallies/tallies.processor.js';
import { TalliesRepository } from './tallies/tallies.repository.js';

/** The worker process: processors and the outbox relay; no resolvers. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, RedisModule, QueuesModule],
      providers: [
        OutboxRelay,
        RemindersRepository,
        ReminderDispatcher,
        RemindersProcessor,
        NotificationDeliveryRepository,
        EmailOutlet,
        EmailOutboxRepository,
        NotificationPublisher,
        NotificationDeliverer,
        FanOutService,
        NotificationsProcessor,
        LifecycleRepository,
        LifecycleProcessor,
        Reconciler,
        TalliesRepository,
        TalliesProcessor,
      ],
    };
  }
}
