import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { EngineClock } from '../clock.js';

/**
 * The admin service tests use to move the engine's clock, modelled on zeebe-process-test's
 * `engine_protocol.EngineControl` (same package, method and message names). Declared here
 * rather than in a .proto file so the build output needs no extra assets.
 */
const DESCRIPTOR = {
  nested: {
    engine_protocol: {
      nested: {
        EngineControl: {
          methods: {
            IncreaseTime: { requestType: 'IncreaseTimeRequest', responseType: 'IncreaseTimeResponse' },
            ResetTime: { requestType: 'ResetTimeRequest', responseType: 'ResetTimeResponse' },
            GetCurrentTime: { requestType: 'GetCurrentTimeRequest', responseType: 'GetCurrentTimeResponse' },
          },
        },
        IncreaseTimeRequest: { fields: { milliseconds: { type: 'int32', id: 1 } } },
        IncreaseTimeResponse: { fields: {} },
        ResetTimeRequest: { fields: {} },
        ResetTimeResponse: { fields: {} },
        GetCurrentTimeRequest: { fields: {} },
        GetCurrentTimeResponse: { fields: { currentTime: { type: 'int64', id: 1 } } },
      },
    },
  },
};

export const ENGINE_CONTROL_PROTO_OPTIONS: protoLoader.Options = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };

export function engineControlDefinition(): grpc.ServiceDefinition {
  const definition = protoLoader.fromJSON(DESCRIPTOR as Parameters<typeof protoLoader.fromJSON>[0], ENGINE_CONTROL_PROTO_OPTIONS);
  const loaded = grpc.loadPackageDefinition(definition) as unknown as { engine_protocol: { EngineControl: { service: grpc.ServiceDefinition } } };
  return loaded.engine_protocol.EngineControl.service;
}

/** A client constructor for the service, for tests and tools. */
export function engineControlClient(address: string): grpc.Client & Record<string, (...args: unknown[]) => unknown> {
  const Client = grpc.makeGenericClientConstructor(engineControlDefinition(), 'EngineControl');
  return new Client(address, grpc.credentials.createInsecure()) as grpc.Client & Record<string, (...args: unknown[]) => unknown>;
}

export function engineControlHandlers(clock: EngineClock): grpc.UntypedServiceImplementation {
  return {
    IncreaseTime: (call: grpc.ServerUnaryCall<{ milliseconds: number }, object>, callback: grpc.sendUnaryData<object>) => {
      const ms = call.request.milliseconds;
      if (!(ms >= 0)) {
        callback({ code: grpc.status.INVALID_ARGUMENT, details: `Expected a non-negative number of milliseconds, but was ${ms}` });
        return;
      }
      clock.increaseTime(ms);
      callback(null, {});
    },
    ResetTime: (_call: unknown, callback: grpc.sendUnaryData<object>) => {
      clock.reset();
      callback(null, {});
    },
    GetCurrentTime: (_call: unknown, callback: grpc.sendUnaryData<object>) => callback(null, { currentTime: String(clock.now()) }),
  };
}
