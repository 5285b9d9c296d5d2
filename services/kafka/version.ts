/**
 * The Apache Kafka versions Vigie runs against: the local broker (jars from Maven Central,
 * kafka/pom.xml; `KAFKA_VERSION` selects another), docker-compose.yml (apache/kafka image) and,
 * where Docker answers, testcontainers.
 *
 * Why the default is still 3.9.x: kafkajs 2.2.4 speaks only old protocol versions (e.g. Produce v3-v7,
 * Fetch v4-v11, JoinGroup v0-v5, OffsetCommit v0-v5). Kafka 4.0 removed the protocol versions older
 * than Kafka 2.1 (KIP-896), among them versions kafkajs uses, and dropped ZooKeeper-era APIs; 3.9 is the
 * last line that keeps them, runs KRaft without ZooKeeper, and is proven here by test/kafka/*.
 * Issue 11 moves the client to one that speaks Kafka 4; until then a 4.x broker is started and checked
 * with Kafka's own tools only (test/kafka/local-broker-kafka4.test.ts).
 */
export const KAFKA_VERSION = '3.9.2';

/** The newest Kafka 4.x release served by Maven Central when checked; the local broker starts it with `KAFKA_VERSION`. */
export const KAFKA_4_VERSION = '4.4.0';

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
