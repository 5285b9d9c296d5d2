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
  /** A SASL_SSL client listener instead of PLAINTEXT (see BrokerSecurity). */
  security?: BrokerSecurity;
}

export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

/**
 * The client listener as SASL_SSL (TLS + SASL), the controller listener as SASL_PLAINTEXT with PLAIN.
 * The broker's own user (`admin`, PLAIN) is used between the broker, itself and its controller; with
 * `authorizer` Kafka's StandardAuthorizer runs and only the admin is a super user. SCRAM users are not
 * listed here: their credentials go into the KRaft metadata at storage format (`--add-scram`).
 */
export interface BrokerSecurity {
  /** PKCS12 key store with the broker's key and certificate. */
  keystore: { path: string; password: string };
  /** PEM file of the CA that signed it (the broker checks its own certificate when it talks to itself). */
  caFile: string;
  /** SASL mechanisms the client listener accepts. */
  mechanisms: SaslMechanism[];
  admin: { username: string; password: string };
  /** PLAIN users besides the admin: user name to password. */
  plainUsers: Record<string, string>;
  authorizer: boolean;
}

const jaasQuote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function securityProperties(host: string, port: number, controllerPort: number, s: BrokerSecurity): Record<string, string> {
  const plainLogin = (users: Record<string, string>) => `org.apache.kafka.common.security.plain.PlainLoginModule required username=${jaasQuote(s.admin.username)} password=${jaasQuote(s.admin.password)} ${
    Object.entries(users).map(([u, p]) => `user_${u}=${jaasQuote(p)}`).join(' ')};`;
  const mechanisms = [...new Set<SaslMechanism>(['PLAIN', ...s.mechanisms])];
  const scram = Object.fromEntries(mechanisms.filter((m) => m.startsWith('SCRAM-')).map((m) => [
    `listener.name.sasl_ssl.${m.toLowerCase()}.sasl.jaas.config`, 'org.apache.kafka.common.security.scram.ScramLoginModule required;']));
  return {
    listeners: `SASL_SSL://${host}:${port},CONTROLLER://${host}:${controllerPort}`,
    'advertised.listeners': `SASL_SSL://${host}:${port}`,
    'inter.broker.listener.name': 'SASL_SSL',
    'listener.security.protocol.map': 'CONTROLLER:SASL_PLAINTEXT,SASL_SSL:SASL_SSL',
    'sasl.enabled.mechanisms': mechanisms.join(','),
    'sasl.mechanism.inter.broker.protocol': 'PLAIN',
    'sasl.mechanism.controller.protocol': 'PLAIN',
    'listener.name.controller.sasl.enabled.mechanisms': 'PLAIN',
    'listener.name.controller.plain.sasl.jaas.config': plainLogin({ [s.admin.username]: s.admin.password }),
    'listener.name.sasl_ssl.sasl.enabled.mechanisms': mechanisms.join(','),
    'listener.name.sasl_ssl.plain.sasl.jaas.config': plainLogin({ [s.admin.username]: s.admin.password, ...s.plainUsers }),
    ...scram,
    'ssl.keystore.type': 'PKCS12',
    'ssl.keystore.location': s.keystore.path,
    'ssl.keystore.password': s.keystore.password,
    'ssl.key.password': s.keystore.password,
    'ssl.truststore.type': 'PEM',
    'ssl.truststore.location': s.caFile,
    'ssl.client.auth': 'none',
    ...(s.authorizer ? {
      'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      'super.users': `User:${s.admin.username}`,
      'allow.everyone.if.no.acl.found': 'false',
    } : {}),
  };
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
    ...(input.security ? securityProperties(host, port, controllerPort, input.security) : {}),
  };
}

/** Java properties text. Only backslashes need escaping in values (Windows paths); keys are fixed names. */
export function renderProperties(props: Record<string, string>, header: string): string {
  const esc = (s: string) => s.replace(/\\/g, '\\\\');
  const lines = Object.entries(props).map(([k, v]) => `${k}=${esc(v)}`);
  return `# ${header}\n${lines.join('\n')}\n`;
}
