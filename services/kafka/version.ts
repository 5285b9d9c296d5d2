/**
 * The Apache Kafka versions Vigie runs against: the local broker (jars from Maven Central,
 * kafka/pom.xml; `KAFKA_VERSION` selects another), docker-compose.yml (apache/kafka image) and,
 * where Docker answers, testcontainers.
 *
 * Vigie's Kafka layer (services/kafka, @platformatic/kafka) speaks Kafka 3.5 to 4.x: the classifier
 * worker, topic admin and test/kafka pass on 3.9.2 and 4.4.0 (.ci/run runs them on both). The default
 * stays 3.9.2 while the audit sink, tools and bench still use kafkajs 2.2.4, whose old protocol
 * versions Kafka 4.0 removed (KIP-896); it moves to KAFKA_4_VERSION when they are off kafkajs.
 */
export const KAFKA_3_VERSION = '3.9.2';

/** The default version of the local broker and of docker-compose.yml. */
export const KAFKA_VERSION: string = KAFKA_3_VERSION;

/** The newest Kafka 4.x release served by Maven Central when checked; the local broker starts it with `KAFKA_VERSION`. */
export const KAFKA_4_VERSION = '4.4.0';

/** The version CI runs the Kafka-core integration tests on besides the default (the other line). */
export const KAFKA_SECOND_VERSION = KAFKA_VERSION === KAFKA_4_VERSION ? KAFKA_3_VERSION : KAFKA_4_VERSION;

/** Official Apache image of the default version, for docker-compose.yml. */
export const KAFKA_IMAGE = `apache/kafka:${KAFKA_VERSION}`;

/**
 * testcontainers' Kafka module (@testcontainers/kafka) drives Confluent images only
 * (it runs /etc/confluent/docker/run); Confluent Platform 7.9 ships Apache Kafka 3.9.
 */
export const TESTCONTAINERS_KAFKA_IMAGE = 'confluentinc/cp-kafka:7.9.0';

/** Major version of an Apache Kafka release string ("4.4.0" → 4). */
export function kafkaMajor(version: string): number {
  return Number(version.split('.')[0]);
}
