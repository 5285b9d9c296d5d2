/**
 * The Apache Kafka versions Vigie runs against: the local broker (jars from Maven Central,
 * kafka/pom.xml; `KAFKA_VERSION` selects another), docker-compose.yml (apache/kafka image) and,
 * where Docker answers, testcontainers.
 *
 * Vigie's Kafka layer (services/kafka, @platformatic/kafka) speaks Kafka 3.5 to 4.x. The default is the
 * Kafka 4 line: `npm test` runs the whole suite on it, and .ci/run runs the Kafka-core and worker
 * exactly-once tests on KAFKA_3_VERSION as well (KAFKA_SECOND_VERSION).
 */
export const KAFKA_3_VERSION = '3.9.2';

/** The newest Kafka 4.x release served by Maven Central when checked. */
export const KAFKA_4_VERSION = '4.4.0';

/** The default version of the local broker and of docker-compose.yml. */
export const KAFKA_VERSION: string = KAFKA_4_VERSION;

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
