import { Global, Module } from '@nestjs/common';
import { Cursors } from './cursor.js';

/** The cursors every connection signs and checks. */
@Global()
@Module({ providers: [Cursors], exports: [Cursors] })
export class PaginationModule {}
