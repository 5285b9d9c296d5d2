import { existsSync, mkdirSync, rmSync, renameSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { VigieError } from '../contracts/errors.js';
import type { LocalBrokerOptions } from './local-broker-options.js';

type JarOptions = Pick<LocalBrokerOptions, 'version' | 'cacheDir' | 'pomFile' | 'mvnBin' | 'javaBin'>;

const COMPLETE_MARKER = '.complete';

/** Folder holding the broker and kafka-tools jars of one Kafka version. */
export function kafkaLibsDir(opts: Pick<JarOptions, 'cacheDir' | 'version'>): string {
  return join(opts.cacheDir, opts.version, 'libs');
}

/** True when the jars of this version are fully cached (a warm start calls no mvn). */
export function kafkaJarsCached(opts: Pick<JarOptions, 'cacheDir' | 'version'>): boolean {
  return existsSync(join(kafkaLibsDir(opts), COMPLETE_MARKER));
}

/**
 * Fetches the Kafka jars with Maven (kafka/pom.xml) into the cache, once. Maven copies into a temporary
 * folder that is renamed into place and marked complete only on success, so an interrupted fetch is
 * redone rather than leaving a half classpath.
 */
export function ensureKafkaJars(opts: JarOptions, report: (msg: string) => void = () => undefined): string {
  const libs = kafkaLibsDir(opts);
  if (kafkaJarsCached(opts)) return libs;
  if (!existsSync(opts.pomFile)) throw new VigieError(`Kafka pom not found: ${opts.pomFile}`);
  const tmp = `${libs}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  report(`fetching Apache Kafka ${opts.version} jars from Maven Central (first run only) into ${libs}`);
  const args = ['-q', '-B', '-f', opts.pomFile, `-Dkafka.version=${opts.version}`,
    'dependency:copy-dependencies', `-DoutputDirectory=${tmp}`, '-DincludeScope=runtime'];
  const r = spawnSync(opts.mvnBin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error || r.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    const why = r.error ? r.error.message : `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new VigieError(`could not fetch the Kafka jars: ${opts.mvnBin} ${args.join(' ')} failed:\n${why}`, { retriable: true });
  }
  const jars = readdirSync(tmp).filter((f) => f.endsWith('.jar'));
  if (!jars.some((j) => j.startsWith(`kafka_2.13-${opts.version}`))) {
    rmSync(tmp, { recursive: true, force: true });
    throw new VigieError(`Maven ran but kafka_2.13-${opts.version}.jar is missing from ${tmp}`);
  }
  rmSync(libs, { recursive: true, force: true });
  renameSync(tmp, libs);
  writeFileSync(join(libs, COMPLETE_MARKER), `${jars.length} jars\n`);
  return libs;
}

/** The Java classpath of the broker and of Kafka's tools (fetching the jars first if needed). */
export function kafkaClasspath(opts: JarOptions, report?: (msg: string) => void): string {
  return join(ensureKafkaJars(opts, report), '*');
}

/**
 * JVM flags naming the logging configurations: Kafka logs through slf4j to reload4j (log4j 1.x API) on
 * both lines; Kafka 4.x also starts Log4j 2, which gets its own small configuration.
 */
export function kafkaLogFlags(opts: Pick<LocalBrokerOptions, 'log4jFile' | 'log4j2File'>): string[] {
  return [`-Dlog4j.configuration=file:${opts.log4jFile}`, `-Dlog4j2.configurationFile=${opts.log4j2File}`];
}

/**
 * The command that runs a Kafka Java main class from the cached classpath, e.g.
 * `org.apache.kafka.tools.ConsumerPerformance` for the benchmark. Logging goes to stderr at WARN
 * and writes no file, so a tool's own output can be parsed.
 */
export function kafkaJavaCommand(
  opts: JarOptions & Pick<LocalBrokerOptions, 'log4jFile' | 'log4j2File'>,
  mainClass: string,
  args: string[],
  jvmFlags: string[] = ['-Xmx512m'],
): { command: string; args: string[] } {
  const cp = kafkaClasspath(opts);
  return {
    command: opts.javaBin,
    args: [...jvmFlags, ...kafkaLogFlags(opts), '-Dvigie.log.root=WARN,stderr', '-cp', cp, mainClass, ...args],
  };
}
