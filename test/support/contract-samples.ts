/**
 * Realistic sample records of every topic, typed by the record interfaces (so a field renamed in
 * types.ts breaks them at compile time). Used by the codec tests and the codec benchmark; other
 * parts' tests may use them too.
 */
import type { RecordName, RecordTypes } from '../../services/contracts/types.js';

const T0 = Date.UTC(2026, 10, 28, 21, 14, 7, 312); // 2026-11-28T21:14:07.312Z

export const SAMPLES: { [K in RecordName]: RecordTypes[K][] } = {
  ChatMessage: [
    {
      messageId: 'msg-000001', tenantId: 'ludo-fr', conversationId: 'dm:u-4821:u-9310', roomId: null, senderId: 'u-4821',
      recipientId: 'u-9310', text: 'slt t ki ? tu as quel âge ? 😏 on peut parler sur snap, c notre secret 🤫',
      sentAt: T0, senderIp: '203.0.113.47', senderDeclaredAge: 17, locale: 'fr-FR',
    },
    {
      messageId: 'msg-000002', tenantId: null, conversationId: 'room:minecraft-builders', roomId: 'minecraft-builders',
      senderId: 'u-77', recipientId: null, text: 'anyone up for the build contest tonight? 🏰✨ café-crème skins only', sentAt: T0 + 1500,
      senderIp: null, senderDeclaredAge: null, locale: null,
    },
    {
      messageId: 'msg-000003', tenantId: 'ludo-fr', conversationId: 'dm:u-4821:u-9310', roomId: null, senderId: 'u-9310',
      recipientId: 'u-4821', text: "j'ai 13 ans et demi… pourquoi ? 🙈", sentAt: T0 + 61_000, senderIp: '2001:db8::1f',
      senderDeclaredAge: 13, locale: 'fr-BE',
    },
  ],
  Verdict: [
    {
      messageId: 'msg-000001', tenantId: 'ludo-fr', conversationId: 'dm:u-4821:u-9310', roomId: null, senderId: 'u-4821',
      recipientId: 'u-9310', sentAt: T0, action: 'hold',
      categories: [{ category: 'child_grooming', score: 0.87, sources: ['rule:fr.secrecy.v3', 'model:grooming-fr-en@2026.11.1', 'context:age-gap'] }],
      signals: [
        { signal: 'age_inquiry', score: 0.93, sources: ['rule:fr.age-question'] },
        { signal: 'off_platform_contact', score: 0.9, sources: ['rule:contact.snapchat'] },
        { signal: 'secrecy_request', score: 0.81, sources: ['model:grooming-fr-en@2026.11.1'] },
      ],
      escalation: { priority: 'P1', reason: 'Adulte présumé demandant l’âge et le secret à un mineur déclaré (13 ans)' },
      enforcement: { action: 'mute', targetUserId: 'u-4821', durationMs: 86_400_000, reason: 'grooming pattern: age inquiry + secrecy + off-platform' },
      reasons: ['demande d’âge', 'demande de secret 🤫', 'contact hors plateforme (snap)'],
      modelVersion: 'grooming-fr-en@2026.11.1', rulesVersion: 'rules-2026.11.20', policyVersion: 'policy-3',
      textTruncated: false, textRepaired: false, decidedAt: T0 + 42,
    },
    {
      messageId: 'msg-000002', tenantId: null, conversationId: 'room:minecraft-builders', roomId: 'minecraft-builders', senderId: 'u-77',
      recipientId: null, sentAt: T0 + 1500, action: 'allow', categories: [], signals: [], escalation: null, enforcement: null,
      reasons: [], modelVersion: 'none', rulesVersion: 'rules-2026.11.20', policyVersion: 'policy-3', textTruncated: true, textRepaired: false, decidedAt: null,
    },
  ],
  ModerationAction: [
    {
      actionId: 'act-msg-000001-mute', messageId: 'msg-000001', conversationId: 'dm:u-4821:u-9310', targetUserId: 'u-4821',
      action: 'mute', durationMs: 86_400_000, reason: 'Grooming: demande d’âge + secret + snap 🤫', categories: ['child_grooming'],
      issuedAt: T0 + 43,
    },
    {
      actionId: 'act-msg-000009-block', messageId: 'msg-000009', conversationId: 'room:general', targetUserId: 'u-12',
      action: 'block_message', durationMs: null, reason: 'Offering pills “to make her relax” 💊', categories: ['drug_facilitated_assault', 'sexual_harassment'],
      issuedAt: T0 + 99,
    },
  ],
  Escalation: [
    {
      escalationId: 'esc-msg-000003', priority: 'P0', category: 'child_grooming', categories: ['child_grooming', 'ambush'],
      conversationId: 'dm:u-4821:u-9310', messageId: 'msg-000003', senderId: 'u-4821', recipientId: 'u-9310',
      reason: 'Rendez-vous proposé à une mineure déclarée (13 ans) — « viens seule à la gare »',
      evidenceMessageIds: ['msg-000001', 'msg-000003'], createdAt: T0 + 61_050,
    },
    {
      escalationId: 'esc-msg-000044', priority: 'P2', category: 'weapons_trafficking', categories: ['weapons_trafficking'],
      conversationId: 'room:trade', messageId: 'msg-000044', senderId: 'u-5', recipientId: null,
      reason: 'Selling a “replica” that is described as live-firing 🔫', evidenceMessageIds: [], createdAt: T0 + 5,
    },
  ],
  AuditRecord: [
    {
      recordId: 'msg-000003', messageId: 'msg-000003', tenantId: 'ludo-fr', conversationId: 'dm:u-4821:u-9310', roomId: null,
      senderId: 'u-9310', recipientId: 'u-4821', senderIp: '2001:db8::1f', sentAt: T0 + 61_000, decidedAt: T0 + 61_040, action: 'flag',
      categories: [{ category: 'child_grooming', score: 0.91, sources: ['rule:fr.grooming.secret', 'model:grooming-fr-en@2026.11.1', 'context:grooming'] }],
      escalationPriority: 'P0', signals: [{ signal: 'age_inquiry', score: 0.9, sources: ['rule:fr.age-question'] }], reasons: ['u-9310: stated age 13', 'grooming: age asked, secrecy, move off-platform → P0'],
      senderDeclaredAge: 13, participantAges: [{ userId: 'u-9310', declaredAge: 13, statedAge: 13 }, { userId: 'u-4821', declaredAge: null, statedAge: null }],
      modelVersion: 'grooming-fr-en@2026.11.1',
      rulesVersion: 'rules-2026.11.20', policyVersion: 'policy-3', text: "j'ai 13 ans et demi… pourquoi ? 🙈",
      textRepaired: false, textSha256: '4f0c1bd8a3d9e2c7b6a5f4e3d2c1b0a99887766554433221100ffeeddccbbaa9',
      context: [{ messageId: 'msg-000001', senderId: 'u-4821', sentAt: T0, text: 'slt t ki ? tu as quel âge ? 😏 on peut parler sur snap, c notre secret 🤫' }],
      sourceTopic: 'chat.messages', sourcePartition: 3, sourceOffset: 1_234_567_890_123,
    },
    {
      recordId: 'msg-000002', messageId: 'msg-000002', tenantId: null, conversationId: 'room:minecraft-builders', roomId: 'minecraft-builders',
      senderId: 'u-77', recipientId: null, senderIp: null, sentAt: T0 + 1500, decidedAt: T0 + 1530, action: 'allow', categories: [],
      escalationPriority: null, signals: [], reasons: [], senderDeclaredAge: null, participantAges: [], modelVersion: 'none', rulesVersion: 'rules-2026.11.20', policyVersion: 'policy-3', text: null,
      textRepaired: false, textSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', context: [],
      sourceTopic: 'chat.messages', sourcePartition: 0, sourceOffset: 0,
    },
  ],
  DeadLetter: [
    {
      originalKey: Buffer.from('dm:u-4821:u-9310', 'utf8'), originalValue: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xff, 0x00]),
      error: 'ChatMessage: input is not valid UTF-8 (The encoded data was not valid for encoding utf-8)', errorField: null,
      sourceTopic: 'chat.messages', sourcePartition: 5, sourceOffset: 9_007_199_254_740_990, failedAt: T0 + 7,
    },
    {
      originalKey: null, originalValue: Buffer.alloc(0), error: 'ChatMessage.sentAt: expected ISO-8601 or epoch ms, got "hier"',
      errorField: 'ChatMessage.sentAt', sourceTopic: 'chat.messages', sourcePartition: 0, sourceOffset: 17, failedAt: T0,
    },
  ],
  Feedback: [
    {
      caseId: 'case-2026-000118', escalationId: 'esc-msg-000003', conversationId: 'dm:u-4821:u-9310', decision: 'confirmed',
      categories: ['child_grooming'], reason: 'Schéma classique : âge, secret, déplacement vers Snapchat. Signalé à PHAROS.',
      reviewer: 'rev-claire', resolvedAt: T0 + 3_600_000,
    },
    {
      caseId: 'case-2026-000119', escalationId: 'esc-msg-000044', conversationId: 'room:trade', decision: 'dismissed', categories: [],
      reason: 'Airsoft replica, no live ammunition 👍', reviewer: 'rev-sam', resolvedAt: T0 + 7_200_000,
    },
  ],
  BlocklistEntry: [
    {
      userId: 'u-4821', action: 'suspend', until: null, reason: 'Confirmed grooming (case-2026-000118) — suspension définitive',
      categories: ['child_grooming'], updatedAt: T0 + 3_600_500,
    },
    {
      userId: 'u-12', action: 'mute', until: T0 + 86_400_000, reason: 'drug-facilitated assault talk 💊', categories: ['drug_facilitated_assault'],
      updatedAt: T0 + 100,
    },
  ],
};
