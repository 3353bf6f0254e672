import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { EngineClock } from '../clock.js';
import { Engine } from '../engine.js';
import { engineControlDefinition, engineControlHandlers } from './engine-control.js';
import { DEFAULT_LONG_POLL_MS, JobDispatcher } from './job-dispatcher.js';
import { ensureDefaultTenant, ensureGreaterThan, ensureNotEmpty, int64, key, parseDocument } from './requests.js';
import { grpcError, toServiceError } from './status.js';

export const GATEWAY_VERSION = '8.8.0';
/** Zeebe's gateway answers a CreateProcessInstanceWithResult without its own timeout after this long. */
const DEFAULT_RESULT_TIMEOUT_MS = 15_000;

const PROTO_OPTIONS: protoLoader.Options = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };

export interface StartEngineOptions {
  databaseUrl: string;
  host?: string;
  /** 0 or absent picks a free port. */
  port?: number;
  clock?: EngineClock;
  /** Commands waiting for their commit beyond which new ones answer RESOURCE_EXHAUSTED. */
  maxInFlight?: number;
}

export interface RunningEngine {
  readonly port: number;
  readonly address: string;
  readonly clock: EngineClock;
  readonly engine: Engine;
  stop(): Promise<void>;
}

/**
 * Starts the engine and serves the Zeebe gateway protocol (`gateway_protocol.Gateway`)
 * plus `engine_protocol.EngineControl` (moving the clock) on one port.
 */
export async function startEngine(options: StartEngineOptions): Promise<RunningEngine> {
  const clock = options.clock ?? new EngineClock();
  const engine = await Engine.start({ databaseUrl: options.databaseUrl, clock, maxInFlight: options.maxInFlight });
  const dispatcher = new JobDispatcher(engine);
  const host = options.host ?? '127.0.0.1';
  let boundPort = 0;
  const server = new grpc.Server({ 'grpc.keepalive_permit_without_calls': 1 });
  server.addService(gatewayService(), gatewayHandlers(engine, dispatcher, () => boundPort, host));
  server.addService(engineControlDefinition(), engineControlHandlers(clock));
  try {
    boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${host}:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
  } catch (error) {
    await engine.close();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    port: boundPort,
    address: `${host}:${boundPort}`,
    clock,
    engine,
    stop: () =>
      (stopped ??= (async () => {
        dispatcher.close();
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => server.forceShutdown(), 2000);
          server.tryShutdown(() => {
            clearTimeout(force);
            resolve();
          });
        });
        await engine.close();
      })()),
  };
}

let gateway: grpc.ServiceDefinition | undefined;

function gatewayService(): grpc.ServiceDefinition {
  if (gateway) return gateway;
  const protoPath = createRequire(import.meta.url).resolve('@camunda8/sdk/dist/proto/zeebe.proto');
  const definition = protoLoader.loadSync(protoPath, PROTO_OPTIONS);
  const loaded = grpc.loadPackageDefinition(definition) as unknown as { gateway_protocol: { Gateway: { service: grpc.ServiceDefinition } } };
  gateway = loaded.gateway_protocol.Gateway.service;
  return gateway;
}

// Requests as proto-loader decodes them: int64 as strings, absent fields defaulted.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Request = Record<string, any>;
type Unary = (request: Request) => Promise<object>;

function unary(handler: Unary): grpc.handleUnaryCall<Request, object> {
  return (call, callback) => {
    handler(call.request).then(
      (response) => callback(null, response),
      (error: unknown) => callback(toServiceError(error)),
    );
  };
}

function gatewayHandlers(engine: Engine, dispatcher: JobDispatcher, port: () => number, host: string): grpc.UntypedServiceImplementation {
  const implemented: grpc.UntypedServiceImplementation = {
    Topology: unary(async () => ({
      brokers: [
        {
          nodeId: 0,
          host,
          port: port(),
          partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }],
          version: GATEWAY_VERSION,
        },
      ],
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: GATEWAY_VERSION,
    })),

    DeployResource: unary(async (request) => {
      ensureDefaultTenant('DeployResource', request.tenantId);
      return engine.deploy((request.resources as Request[]).map((resource) => ({ name: resource.name, content: Buffer.from(resource.content ?? []) })));
    }),

    // Deprecated in Zeebe but still served; older clients (zeebe-node's deployProcess) use it.
    DeployProcess: unary(async (request) => {
      const deployed = await engine.deploy(
        (request.processes as Request[]).map((process) => ({ name: process.name, content: Buffer.from(process.definition ?? []) })),
      );
      return { key: deployed.key, processes: deployed.deployments.flatMap((deployment) => ('process' in deployment ? [deployment.process] : [])) };
    }),

    CreateProcessInstance: unary(async (request) => {
      ensureDefaultTenant('CreateProcessInstance', request.tenantId);
      return engine.createProcessInstance(creation(request));
    }),

    CreateProcessInstanceWithResult: unary(async (request) => {
      const inner = (request.request ?? {}) as Request;
      ensureDefaultTenant('CreateProcessInstanceWithResult', inner.tenantId);
      const requested = int64(request.requestTimeout);
      const timeoutMs = requested > 0 ? requested : DEFAULT_RESULT_TIMEOUT_MS;
      const result = await engine.createProcessInstanceWithResult(creation(inner), request.fetchVariables ?? [], timeoutMs);
      if (!result) {
        throw grpcError(
          grpc.status.DEADLINE_EXCEEDED,
          `Time out between gateway and broker: Request ProcessInstanceCreationRecord timed out after PT${timeoutMs / 1000}S`,
        );
      }
      return { ...result, variables: JSON.stringify(result.variables) };
    }),

    EvaluateDecision: unary(async (request) => {
      ensureDefaultTenant('EvaluateDecision', request.tenantId);
      return engine.evaluateDecision({
        decisionId: request.decisionId ?? '',
        decisionKey: key(request.decisionKey),
        variables: parseDocument(request.variables),
      });
    }),

    ModifyProcessInstance: unary(async (request) => {
      await engine.modifyProcessInstance({
        processInstanceKey: key(request.processInstanceKey),
        activateInstructions: ((request.activateInstructions ?? []) as Request[]).map((instruction) => ({
          elementId: instruction.elementId ?? '',
          ancestorElementInstanceKey: key(instruction.ancestorElementInstanceKey),
          variableInstructions: ((instruction.variableInstructions ?? []) as Request[]).map((variables) => ({
            scopeId: variables.scopeId ?? '',
            variables: parseDocument(variables.variables),
          })),
        })),
        terminateInstructions: ((request.terminateInstructions ?? []) as Request[]).map((instruction) => ({ elementInstanceKey: key(instruction.elementInstanceKey) })),
      });
      return {};
    }),

    MigrateProcessInstance: unary(async (request) => {
      const plan = (request.migrationPlan ?? {}) as Request;
      await engine.migrateProcessInstance({
        processInstanceKey: key(request.processInstanceKey),
        targetProcessDefinitionKey: key(plan.targetProcessDefinitionKey),
        mappingInstructions: ((plan.mappingInstructions ?? []) as Request[]).map((instruction) => ({
          sourceElementId: instruction.sourceElementId ?? '',
          targetElementId: instruction.targetElementId ?? '',
        })),
        operationReference: key(request.operationReference) === '0' ? undefined : key(request.operationReference),
      });
      return {};
    }),

    DeleteResource: unary(async (request) => {
      await engine.deleteResource(key(request.resourceKey));
      return {};
    }),

    CancelProcessInstance: unary(async (request) => {
      await engine.cancelProcessInstance(key(request.processInstanceKey));
      return {};
    }),

    ActivateJobs: (call: grpc.ServerWritableStream<Request, object>) => {
      const request = call.request;
      void (async () => {
        try {
          ensureNotEmpty('type', request.type);
          ensureGreaterThan('maxJobsToActivate', request.maxJobsToActivate ?? 0, 0);
          const requestTimeout = int64(request.requestTimeout);
          const waitMs = requestTimeout === 0 ? DEFAULT_LONG_POLL_MS : requestTimeout;
          let delivered = false;
          await dispatcher.poll(
            activation(request, request.maxJobsToActivate),
            waitMs,
            (jobs) => {
              if (call.cancelled) return false;
              call.write({ jobs });
              delivered = true;
              return true;
            },
            (cancel) => call.on('cancelled', cancel),
          );
          if (call.cancelled) return;
          // Clients that resolve on the first response (zeebe-node's activateJobs) need one even when empty.
          if (!delivered) call.write({ jobs: [] });
          call.end();
        } catch (error) {
          if (!call.cancelled) call.destroy(toServiceError(error));
        }
      })();
    },

    StreamActivatedJobs: (call: grpc.ServerWritableStream<Request, object>) => {
      const request = call.request;
      try {
        ensureNotEmpty('type', request.type);
      } catch (error) {
        call.destroy(toServiceError(error));
        return;
      }
      dispatcher.stream(activation(request, 1), call as grpc.ServerWritableStream<unknown, unknown>);
    },

    CompleteJob: unary(async (request) => {
      await engine.completeJob(key(request.jobKey), parseDocument(request.variables));
      return {};
    }),

    FailJob: unary(async (request) => {
      await engine.failJob(key(request.jobKey), {
        retries: request.retries ?? 0,
        errorMessage: request.errorMessage ?? '',
        retryBackOffMs: int64(request.retryBackOff),
        variables: parseDocument(request.variables),
      });
      return {};
    }),

    ThrowError: unary(async (request) => {
      ensureNotEmpty('errorCode', request.errorCode);
      await engine.throwError(key(request.jobKey), {
        errorCode: request.errorCode,
        errorMessage: request.errorMessage ?? '',
        variables: parseDocument(request.variables),
      });
      return {};
    }),

    UpdateJobRetries: unary(async (request) => {
      await engine.updateJobRetries(key(request.jobKey), request.retries ?? 0);
      return {};
    }),

    UpdateJobTimeout: unary(async (request) => {
      await engine.updateJobTimeout(key(request.jobKey), int64(request.timeout));
      return {};
    }),

    SetVariables: unary(async (request) => ({
      key: await engine.setVariables(key(request.elementInstanceKey), parseDocument(request.variables), request.local === true),
    })),

    ResolveIncident: unary(async (request) => {
      await engine.resolveIncident(key(request.incidentKey));
      return {};
    }),

    PublishMessage: unary(async (request) => {
      ensureDefaultTenant('PublishMessage', request.tenantId);
      ensureNotEmpty('name', request.name);
      const messageKey = await engine.publishMessage({
        name: request.name,
        correlationKey: request.correlationKey ?? '',
        timeToLiveMs: Math.max(0, int64(request.timeToLive)),
        messageId: request.messageId ?? '',
        variables: parseDocument(request.variables),
      });
      return { key: messageKey, tenantId: '<default>' };
    }),

    BroadcastSignal: unary(async (request) => {
      ensureDefaultTenant('BroadcastSignal', request.tenantId);
      ensureNotEmpty('signalName', request.signalName);
      return { key: await engine.broadcastSignal(request.signalName, parseDocument(request.variables)), tenantId: '<default>' };
    }),
  };
  // Every other RPC of the proto answers UNIMPLEMENTED with its name.
  const handlers: grpc.UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(gatewayService())) {
    handlers[name] = implemented[name] ?? unimplemented(name, method as grpc.MethodDefinition<unknown, unknown>);
  }
  return handlers;
}

function unimplemented(name: string, method: grpc.MethodDefinition<unknown, unknown>): grpc.UntypedHandleCall {
  const error = () => grpcError(grpc.status.UNIMPLEMENTED, `Method ${name} is not implemented by the embedded engine`);
  if (method.responseStream) return (call: grpc.ServerWritableStream<unknown, unknown>) => call.destroy(error());
  return (_call: unknown, callback: grpc.sendUnaryData<unknown>) => callback(error());
}

function creation(request: Request) {
  return {
    bpmnProcessId: request.bpmnProcessId || undefined,
    version: request.version,
    processDefinitionKey: key(request.processDefinitionKey),
    variables: parseDocument(request.variables),
    startInstructions: ((request.startInstructions ?? []) as Request[]).map((instruction) => String(instruction.elementId ?? '')),
  };
}

function activation(request: Request, maxJobs: number) {
  return {
    type: request.type as string,
    worker: (request.worker as string) ?? '',
    timeoutMs: int64(request.timeout),
    maxJobs,
    fetchVariables: (request.fetchVariable as string[]) ?? [],
  };
}
