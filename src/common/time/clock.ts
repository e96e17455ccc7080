import { Injectable } from '@nestjs/common';

/** The current instant, as a provider: a spec hands a class its own clock instead of sleeping. */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}
