import { Global, Module } from '@nestjs/common';
import { TallyRequests } from './tally-requests.service.js';

/** Tally requests, for every write that can move a campaign's counts. */
@Global()
@Module({ providers: [TallyRequests], exports: [TallyRequests] })
export class TallyRequestsModule {}
