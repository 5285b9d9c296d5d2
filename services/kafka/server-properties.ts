/**
 * The server.properties of the local single-node KRaft broker (combined broker + controller).
 * Pure: the same settings feed docker-compose.yml (kept in step by hand; see docs/kafka.md).
 */
export interface ServerPropertiesInput {
  /** PLAINTEXT client listener port on 127.0.0.1. */
  port: number;
  /** KRaft controller listener port on 127.0.0.1. */
  controllerPort: number;
  /** Absolute path of the folder holding partition logs and KRaft metadata. */
  logDir: string;
  /** Host the client listener binds to and advertises. */
  host: string;
}

/** Settings a single node needs: every internal topic with replication 1, no rebalance delay. */
export const SINGLE_NODE_SETTINGS: Readonly<Record<string, string>> = {
  'num.partitions': '1',
  'default.replication.factor': '1',
  'min.insync.replicas': '1',
  'offsets.topic.replication.factor': '1',
  'offsets.topic.num.partitions': '10',
  'transaction.state.log.replication.factor': '1',
  'transaction.state.log.min.isr': '1',
  'transaction.state.log.num.partitions': '10',
  'group.initial.rebalance.delay.ms': '0',
  'auto.create.topics.enable': 'false',
  'delete.topic.enable': 'true',
  'log.retention.hours': '168',
  'log.cleaner.enable': 'true',
};

export function serverProperties(input: ServerPropertiesInput): Record<string, string> {
  const { host, port, controllerPort } = input;
  return {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@${host}:${controllerPort}`,
    listeners: `PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${host}:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': input.logDir,
    ...SINGLE_NODE_SETTINGS,
  };
}

/** Java properties text. Only backslashes need escaping in values (Windows paths); keys are fixed names. */
export function renderProperties(props: Record<string, string>, header: string): string {
  const esc = (s: string) => s.replace(/\\/g, '\\\\');
  const lines = Object.entries(props).map(([k, v]) => `${k}=${esc(v)}`);
  return `# ${header}\n${lines.join('\n')}\n`;
}
