// The workflow of `bench/tick-floor.ts`: what a Schedule's action must at least run — one workflow task that does
// nothing but tell the bench's process it ran (a sink: no call to Temporal).
import { proxySinks, type Sinks } from '@temporalio/workflow';

export interface FloorSinks extends Sinks {
  floor: { done(): void };
}

const { floor } = proxySinks<FloorSinks>();

export async function floorTick(): Promise<void> {
  floor.done();
}
