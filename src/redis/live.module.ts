import { Module } from '@nestjs/common';
import { LiveFeed } from './live-feed.service.js';

/** What the workers publish, for the API's subscriptions (the workers do not listen). */
@Module({ providers: [LiveFeed], exports: [LiveFeed] })
export class LiveModule {}
