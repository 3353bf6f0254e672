import { Camunda8 } from '@camunda8/sdk';
import type { AppConfig } from '@app/config';

export type ZeebeClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;

/** The configured Zeebe, or the embedded engine on its default port. */
export function zeebeAddress(config: Pick<AppConfig, 'zeebeGrpcAddress' | 'enginePort'>): string {
  return config.zeebeGrpcAddress ?? `grpc://127.0.0.1:${config.enginePort}`;
}

export function createZeebeClient(address: string): ZeebeClient {
  const secure = address.startsWith('grpcs://');
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: address,
    CAMUNDA_AUTH_STRATEGY: secure ? (process.env.CAMUNDA_AUTH_STRATEGY as 'OAUTH' | undefined) ?? 'OAUTH' : 'NONE',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
  }).getZeebeGrpcApiClient();
}
