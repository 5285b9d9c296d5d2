/**
 * The one Apache Kafka version Vigie runs against, everywhere: the local broker (jars from Maven
 * Central, kafka/pom.xml), docker-compose.yml (apache/kafka image) and, where Docker answers,
 * testcontainers.
 *
 * Why 3.9.x and not 4.x: kafkajs 2.2.4 speaks only old protocol versions (e.g. Produce v3-v7,
 * Fetch v4-v11, JoinGroup v0-v5, OffsetCommit v0-v5). Kafka 4.0 removed the protocol versions older
 * than Kafka 2.1 (KIP-896), among them versions kafkajs uses, and dropped ZooKeeper-era APIs; 3.9 is the
 * last line that keeps them, runs KRaft without ZooKeeper, and is proven here by test/kafka/*.
 */
export const KAFKA_VERSION = '3.9.2';

/** Official Apache image of the same version, for docker-compose.yml. */
export const KAFKA_IMAGE = `apache/kafka:${KAFKA_VERSION}`;

/**
 * testcontainers' Kafka module (@testcontainers/kafka 12) drives Confluent images only
 * (it runs /etc/confluent/docker/run); Confluent Platform 7.9 ships Apache Kafka 3.9.
 */
export const TESTCONTAINERS_KAFKA_IMAGE = 'confluentinc/cp-kafka:7.9.0';
