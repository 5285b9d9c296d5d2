/**
 * The console's words in French and English. The language comes from the `vigie_lang` cookie (set by
 * the switch on every page), else the browser's Accept-Language (first supported, by q-value), else English.
 */
export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

const EN = {
  title: 'Vigie review console',
  skip: 'Skip to content',
  login: 'Log in', logout: 'Log out', username: 'User name', password: 'Password',
  loginFailed: 'Wrong user name or password.', loginLimited: 'Too many failed logins. Try again in {wait}.',
  queue: 'Queue', cases: 'Cases', openCases: 'Open cases', status: 'Status', priority: 'Priority', category: 'Category',
  any: 'any', filter: 'Filter', next: 'Next page', first: 'First page', age: 'Since escalation', target: 'Target', overdue: 'overdue',
  withinTarget: 'within target', conversation: 'Conversation', users: 'Users', reasons: 'Reasons', noCases: 'No case matches.',
  open: 'open', confirmed: 'confirmed', dismissed: 'dismissed', all: 'all',
  caseTitle: 'Case {id}', timeline: 'Conversation', participants: 'Participants', otherCases: 'Other cases', enforcement: 'Current enforcement',
  none: 'none', noCase: 'none', colon: ': ', muted: 'muted', suspended: 'suspended', sender: 'Sender', to: 'to', ip: 'IP', flagged: 'flagged', escalated: 'escalated', evidence: 'evidence',
  textNotKept: '[text not kept: benign message]', textDeleted: '[text deleted by retention]', fromContext: 'text from the context window of {id}',
  sources: 'Sources', signals: 'Signal', model: 'model', rules: 'rules', policy: 'policy', scores: 'Scores',
  declaredAge: 'declared age', statedAge: 'age stated in the chat', notRecorded: 'not recorded',
  sourcesNotRecorded: 'Sources not recorded (audit record written before version 3).',
  decide: 'Decision', confirm: 'Confirm (abuse)', dismiss: 'Dismiss (false positive)', reason: 'Reason', reasonRequired: 'A reason is required.',
  resolvedBy: '{status} by {who}: {reason}', feedbackPending: 'Saved; the feedback is pending (Kafka unreachable) and will be published on the next decision.',
  feedbackSent: 'Saved; feedback published to {topic}.',
  hold: 'Legal hold', holdActive: '{n:Active legal hold|Active legal holds}: {list}', holdNone: 'No legal hold on this case.', placeHold: 'Place hold', releaseHold: 'Release hold',
  enforce: 'Enforcement', mute: 'Mute', suspend: 'Suspend', lift: 'Lift', duration: 'Duration (hours, empty = until lifted)', user: 'User',
  actionSent: 'Action {action} for {user} sent to {topic}; it applies when the audit sink has read it.',
  exportEvidence: 'Evidence package', reference: 'Legal-request reference', download: 'Download (.zip)',
  referenceRequired: 'The legal-request reference is required.', durationInvalid: 'The duration must be a positive number of hours (1.5 = 1 h 30 min).',
  durationTooShort: 'The duration must be at least 1 min (0.02 h); leave it empty for until lifted.',
  durationTooLong: 'The duration must be at most 87600 h (10 years); leave it empty for until lifted.',
  actionNotSent: 'The action could not be sent (the message broker did not take it): nothing was applied. Try again in a moment; if it goes on, tell the administrator.',
  actionUnconfirmed: 'The message broker did not confirm the action in time: it may or may not have been applied. Check the user’s sanctions in a moment before sending it again; if it goes on, tell the administrator.',
  periodFrom: 'Messages sent from (UTC day, optional)', periodTo: 'to (UTC day, included, optional)',
  periodInvalid: 'The period is not valid: give UTC days, the first not after the second.',
  chooseUser: '— choose who —', wroteEscalated: 'wrote an escalated message', userRequired: 'Choose a participant of this case.',
  forbidden: 'You are not allowed to do this.', notFound: 'Not found.', csrf: 'The form expired or did not come from this console. Reload and try again.',
  ipHidden: 'IP addresses are shown to investigators only.', accessLogged: 'Viewing this page is written to the access log.',
  language: 'Language', signedInAs: 'Signed in as {user} ({role})', seconds: '{n} s', minutes: '{n} min', hours: '{n} h', hoursMinutes: '{h} h {m} min', days: '{n} {n:day|days}', decimalMark: '.',
  keys: 'Keys: j/k move, Enter opens, / filters',
  evidenceGet: 'The evidence package is downloaded with the form on the case page or the user search (a POST): the legal-request reference must not travel in an address, where browser history and proxy logs keep it.',
  userSearch: 'Find a user', userId: 'User id', search: 'Search', userFilterUnsupported: 'The queue has no user filter: use the “Find a user” form.',
  userResults: '{user}: {n} audited {n:message|messages} in the period, {c} {c:case|cases}', userNoRows: 'No audited message of {user} in the period.',
  ipsSeen: 'IP addresses the user sent from in the period', exportUserEvidence: 'Evidence package for this user and period',
  accounts: 'Accounts', addAccount: 'Add an account', role: 'Role', created: 'Created', state: 'State', active: 'active', disabledState: 'disabled',
  disable: 'Disable', accountAdded: 'Account {user} added ({role}). Give them the password out of band.', accountDisabled: 'Account {user} disabled; their sessions have ended.',
  accountInvalid: 'The account was not added: {why}.', disableSelf: 'You cannot disable your own account.', noAccount: 'No such account.',
  passwordHint: 'Password (at least 10 characters; give it to the user out of band)', passwordAgain: 'Password again',
  passwordsDiffer: 'the two passwords differ',
  enable: 'Enable', accountEnabled: 'Account {user} enabled again (same password); sessions it had before stay ended.',
  accountUnchanged: 'Account {user} was already so: nothing changed.',
  disabledOnCli: 'disabled on the command line', enableOnCli: 'enable: command line only',
  enableDisabledOnCli: 'Account {user} was disabled on the command line: only the command line enables it again (vigie console user enable {user}). Nothing changed.',
  enableAdminCli: '{user} is an admin account: like a new admin, it is enabled again on the command line only (vigie console user enable {user}). Nothing changed.',
  myPassword: 'My password', currentPassword: 'Current password', newPassword: 'New password (at least 10 characters)',
  changePassword: 'Change my password', repeatPassword: 'New password again',
  passwordMismatch: 'The two new passwords differ: nothing was changed. Type the new password twice.', passwordChanged: 'Password changed; your other sessions have ended.',
  passwordWrong: 'The current password is wrong.', passwordInvalid: 'The password was not changed: {why}.',
  passwordLimited: 'Too many wrong passwords; try again in {wait}.', searchExpired: 'This search link no longer works: a link lasts {span} from its search and a restart of the console forgets it (as it ends sessions). Nothing was searched: search again with the form.',
  searchLinkValid: 'The address of this page repeats the search for any signed-in colleague (without the user id in it) until {until} UTC, unless the console restarts before.',
  userInAddress: 'A user id in the address is not searched (it would stay in browser histories and proxy logs): use the search form.',
  nextCase: 'Next open case', backToQueue: 'Back to the queue',
  passwordSame: 'The new password is your current one: nothing was changed. Choose a different password.',
  accountChanges: 'Latest account changes (console and command line)', changeWhen: 'When (UTC)', changeBy: 'By', changeWhat: 'Change',
  byCli: 'command line ({user})', byCliOs: 'command line ({user}, OS account {os})', noAccountChanges: 'No account change recorded yet.',
  changeAdd: 'added {user} ({role})', changeDisable: 'disabled {user}', changeEnable: 'enabled {user} again', changeNewPassword: 'new password for {user}',
};

type Dict = typeof EN;
export type MsgKey = keyof Dict;

const FR: Dict = {
  title: 'Vigie — console de modération',
  skip: 'Aller au contenu',
  login: 'Se connecter', logout: 'Se déconnecter', username: 'Identifiant', password: 'Mot de passe',
  loginFailed: 'Identifiant ou mot de passe incorrect.', loginLimited: 'Trop d’échecs de connexion. Réessayez dans {wait}.',
  queue: 'File', cases: 'Dossiers', openCases: 'Dossiers ouverts', status: 'Statut', priority: 'Priorité', category: 'Catégorie',
  any: 'toutes', filter: 'Filtrer', next: 'Page suivante', first: 'Première page', age: 'Depuis l’escalade', target: 'Objectif', overdue: 'en retard',
  withinTarget: 'dans les temps', conversation: 'Conversation', users: 'Utilisateurs', reasons: 'Motifs', noCases: 'Aucun dossier ne correspond.',
  open: 'ouvert', confirmed: 'confirmé', dismissed: 'classé', all: 'tous',
  caseTitle: 'Dossier {id}', timeline: 'Conversation', participants: 'Participants', otherCases: 'Autres dossiers', enforcement: 'Sanction en cours',
  none: 'aucune', noCase: 'aucun', colon: ' : ', muted: 'rendu muet', suspended: 'suspendu', sender: 'Expéditeur', to: 'à', ip: 'IP', flagged: 'signalé', escalated: 'escaladé', evidence: 'preuve',
  textNotKept: '[texte non conservé : message bénin]', textDeleted: '[texte supprimé par la rétention]', fromContext: 'texte tiré de la fenêtre de contexte de {id}',
  sources: 'Sources', signals: 'Signal', model: 'modèle', rules: 'règles', policy: 'politique', scores: 'Scores',
  declaredAge: 'âge déclaré', statedAge: 'âge dit dans la conversation', notRecorded: 'non renseigné',
  sourcesNotRecorded: 'Sources non enregistrées (enregistrement d’audit antérieur à la version 3).',
  decide: 'Décision', confirm: 'Confirmer (abus)', dismiss: 'Classer (faux positif)', reason: 'Motif', reasonRequired: 'Un motif est obligatoire.',
  resolvedBy: '{status} par {who} : {reason}', feedbackPending: 'Enregistré ; le retour est en attente (Kafka injoignable) et partira à la prochaine décision.',
  feedbackSent: 'Enregistré ; retour publié sur {topic}.',
  hold: 'Conservation légale', holdActive: '{n:Conservation active|Conservations actives} : {list}', holdNone: 'Aucune conservation légale sur ce dossier.',
  placeHold: 'Placer', releaseHold: 'Lever',
  enforce: 'Sanction', mute: 'Rendre muet', suspend: 'Suspendre', lift: 'Lever', duration: 'Durée (heures, vide = jusqu’à levée)', user: 'Utilisateur',
  actionSent: 'Action {action} pour {user} envoyée sur {topic} ; elle s’applique quand le puits d’audit l’a lue.',
  exportEvidence: 'Dossier de preuves', reference: 'Référence de la réquisition', download: 'Télécharger (.zip)',
  referenceRequired: 'La référence de la réquisition est obligatoire.', durationInvalid: 'La durée doit être un nombre d’heures positif (1,5 = 1 h 30 min).',
  durationTooShort: 'La durée doit être d’au moins 1 min (0,02 h) ; laissez-la vide pour « jusqu’à levée ».',
  durationTooLong: 'La durée doit être d’au plus 87600 h (10 ans) ; laissez-la vide pour « jusqu’à levée ».',
  actionNotSent: 'L’action n’a pas pu être envoyée (le courtier de messages ne l’a pas prise) : rien n’a été appliqué. Réessayez dans un moment ; si cela continue, prévenez l’administrateur.',
  actionUnconfirmed: 'Le courtier de messages n’a pas confirmé l’action à temps : elle a pu être appliquée, ou non. Vérifiez les sanctions de l’utilisateur dans un moment avant de la renvoyer ; si cela continue, prévenez l’administrateur.',
  periodFrom: 'Messages envoyés du (jour UTC, facultatif)', periodTo: 'au (jour UTC, inclus, facultatif)',
  periodInvalid: 'La période n’est pas valide : des jours UTC, le premier pas après le second.',
  chooseUser: '— choisir qui —', wroteEscalated: 'auteur d’un message escaladé', userRequired: 'Choisissez un participant de ce dossier.',
  forbidden: 'Vous n’avez pas le droit de faire cela.', notFound: 'Introuvable.', csrf: 'Le formulaire a expiré ou ne vient pas de cette console. Rechargez et réessayez.',
  ipHidden: 'Les adresses IP ne sont visibles que des enquêteurs.', accessLogged: 'La consultation de cette page est inscrite au journal des accès.',
  language: 'Langue', signedInAs: 'Connecté : {user} ({role})', seconds: '{n} s', minutes: '{n} min', hours: '{n} h', hoursMinutes: '{h} h {m} min', days: '{n} j', decimalMark: ',',
  keys: 'Touches : j/k se déplacer, Entrée ouvrir, / filtrer',
  evidenceGet: 'Le dossier de preuves se télécharge par le formulaire de la page du dossier ou de la recherche d’utilisateur (un POST) : la référence de la réquisition ne doit pas passer dans une adresse, que l’historique du navigateur et les journaux des proxys conservent.',
  userSearch: 'Trouver un utilisateur', userId: 'Identifiant de l’utilisateur', search: 'Rechercher', userFilterUnsupported: 'La file n’a pas de filtre par utilisateur : utilisez le formulaire « Trouver un utilisateur ».',
  userResults: '{user} : {n} {n:message audité|messages audités} dans la période, {c} {c:dossier|dossiers}', userNoRows: 'Aucun message audité de {user} dans la période.',
  ipsSeen: 'Adresses IP d’envoi de l’utilisateur dans la période', exportUserEvidence: 'Dossier de preuves pour cet utilisateur et cette période',
  accounts: 'Comptes', addAccount: 'Ajouter un compte', role: 'Rôle', created: 'Créé', state: 'État', active: 'actif', disabledState: 'désactivé',
  disable: 'Désactiver', accountAdded: 'Compte {user} ajouté ({role}). Transmettez-lui le mot de passe par un autre canal.', accountDisabled: 'Compte {user} désactivé ; ses sessions sont terminées.',
  accountInvalid: 'Le compte n’a pas été ajouté : {why}.', disableSelf: 'Vous ne pouvez pas désactiver votre propre compte.', noAccount: 'Compte inconnu.',
  passwordHint: 'Mot de passe (au moins 10 caractères ; transmettez-le par un autre canal)', passwordAgain: 'Mot de passe, à nouveau',
  passwordsDiffer: 'les deux mots de passe diffèrent',
  enable: 'Réactiver', accountEnabled: 'Compte {user} réactivé (même mot de passe) ; ses anciennes sessions restent terminées.',
  accountUnchanged: 'Le compte {user} était déjà dans cet état : rien n’a changé.',
  disabledOnCli: 'désactivé en ligne de commande', enableOnCli: 'réactivation : ligne de commande seulement',
  enableDisabledOnCli: 'Le compte {user} a été désactivé en ligne de commande : seule la ligne de commande le réactive (vigie console user enable {user}). Rien n’a changé.',
  enableAdminCli: '{user} est un compte admin : comme un nouvel admin, il ne se réactive qu’en ligne de commande (vigie console user enable {user}). Rien n’a changé.',
  myPassword: 'Mon mot de passe', currentPassword: 'Mot de passe actuel', newPassword: 'Nouveau mot de passe (au moins 10 caractères)',
  changePassword: 'Changer mon mot de passe', repeatPassword: 'Nouveau mot de passe, à nouveau',
  passwordMismatch: 'Les deux nouveaux mots de passe diffèrent : rien n’a changé. Tapez deux fois le nouveau mot de passe.', passwordChanged: 'Mot de passe changé ; vos autres sessions sont terminées.',
  passwordWrong: 'Le mot de passe actuel est faux.', passwordInvalid: 'Le mot de passe n’a pas été changé : {why}.',
  passwordLimited: 'Trop de mots de passe faux ; réessayez dans {wait}.', searchExpired: 'Ce lien de recherche ne marche plus : un lien dure {span} après sa recherche et un redémarrage de la console l’oublie (comme il termine les sessions). Rien n’a été recherché : recherchez à nouveau avec le formulaire.',
  searchLinkValid: 'L’adresse de cette page refait la recherche pour tout collègue connecté (sans l’identifiant dedans) jusqu’à {until} UTC, sauf si la console redémarre avant.',
  userInAddress: 'Un identifiant dans l’adresse n’est pas recherché (il resterait dans l’historique et les journaux des proxys) : utilisez le formulaire.',
  nextCase: 'Dossier ouvert suivant', backToQueue: 'Retour à la file',
  passwordSame: 'Le nouveau mot de passe est votre mot de passe actuel : rien n’a changé. Choisissez-en un autre.',
  accountChanges: 'Derniers changements de comptes (console et ligne de commande)', changeWhen: 'Quand (UTC)', changeBy: 'Par', changeWhat: 'Changement',
  byCli: 'ligne de commande ({user})', byCliOs: 'ligne de commande ({user}, compte système {os})', noAccountChanges: 'Aucun changement de compte enregistré.',
  changeAdd: '{user} ajouté ({role})', changeDisable: '{user} désactivé', changeEnable: '{user} réactivé', changeNewPassword: 'nouveau mot de passe pour {user}',
};

const DICTS: Record<Lang, Dict> = { en: EN, fr: FR };

export type T = (key: MsgKey, vars?: Record<string, string | number>) => string;

/** The singular form for this count? English: 1 only; French: 0 and 1 (« 0 dossier », « 1 dossier », « 2 dossiers »). */
export const singular = (lang: Lang, n: number): boolean => (lang === 'fr' ? Math.abs(n) < 2 : Math.abs(n) === 1);

/**
 * Fills `{name}` with vars.name and `{name:one|other}` with the form for that count (never "1 cases"); a placeholder
 * without its variable stays as written.
 */
export function translator(lang: Lang): T {
  const d = DICTS[lang];
  return (key, vars) => d[key].replace(/\{(\w+)(?::([^|{}]*)\|([^{}]*))?\}/g, (m, k: string, one?: string, other?: string) => {
    if (!vars || !(k in vars)) return m;
    const v = vars[k]!;
    return one === undefined ? String(v) : singular(lang, Number(v)) ? one : other!;
  });
}

/** The language to answer in: the explicit choice (cookie or ?lang=) first, else Accept-Language by q-value, else English. */
export function pickLang(choice: string | undefined, acceptLanguage: string | undefined): Lang {
  if (choice === 'en' || choice === 'fr') return choice;
  const prefs = (acceptLanguage ?? '').split(',').map((part, i) => {
    const [tag, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    return { base: (tag ?? '').toLowerCase().split('-')[0]!, q: q ? Number(q[1]) : 1, i };
  }).filter((p) => p.base && p.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  for (const p of prefs) if (p.base === 'en' || p.base === 'fr') return p.base;
  return 'en';
}

/** Every key exists in both languages (checked by the unit test, so a missing word fails the build's tests). */
export const DICTIONARIES = DICTS;
