// GitHub's REST objects as its OpenAPI description (@octokit/openapi, see dev/emulator/specs) requires them: users,
// organizations, repositories (minimal and full), issue and commit search items — every required field filled with
// a realistic value, and the nullable ones null where GitHub leaves them so (deterministically per record).
import type { EmuRecord, RecordState } from '../dataset.ts';
import { hash, iso } from '../provider.ts';

const API = 'https://api.github.com';
const WEB = 'https://github.com';
const CREATED = '2019-04-01T09:00:00Z';

/** A stable GitHub-style node id (`<prefix>_kwDO…`) from a numeric id. */
const nodeId = (prefix: string, id: number | string) => `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`;

export function simpleUser(login: string, id: number, type: 'User' | 'Organization' | 'Bot' = 'User') {
  const url = `${API}/users/${login}`;
  return {
    login,
    id,
    node_id: nodeId(type === 'Organization' ? 'O' : 'U', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${WEB}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** `GET /user` for the token's own account: the private view. */
export function privateUser(login: string, id: number, name: string) {
  return {
    ...simpleUser(login, id),
    user_view_type: 'private',
    name,
    company: '@acme',
    blog: '',
    location: null,
    email: null,
    notification_email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 4,
    public_gists: 0,
    followers: 12,
    following: 3,
    created_at: CREATED,
    updated_at: '2025-01-02T10:00:00Z',
    private_gists: 0,
    total_private_repos: 2,
    owned_private_repos: 1,
    disk_usage: 10_240,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: 'pro', space: 976_562_499, private_repos: 9999, collaborators: 0 },
  };
}

export function organizationSimple(login: string, id: number) {
  const url = `${API}/orgs/${login}`;
  return {
    login,
    id,
    node_id: nodeId('O', id),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    description: login === 'acme' ? 'Acme Corp engineering' : null,
  };
}

/** The fields every repository representation has: identity, owner and the URL templates. */
function repositoryBase(full: string, id: number, ownerId: number) {
  const [owner, name] = full.split('/') as [string, string];
  const base = `${API}/repos/${full}`;
  return {
    id,
    node_id: nodeId('R', id),
    name,
    full_name: full,
    owner: simpleUser(owner, ownerId, owner === 'acme' ? 'Organization' : 'User'),
    private: true,
    html_url: `${WEB}/${full}`,
    description: name === 'dotfiles' ? null : `The ${name} service`,
    fork: false,
    url: base,
    archive_url: `${base}/{archive_format}{/ref}`,
    assignees_url: `${base}/assignees{/user}`,
    blobs_url: `${base}/git/blobs{/sha}`,
    branches_url: `${base}/branches{/branch}`,
    collaborators_url: `${base}/collaborators{/collaborator}`,
    comments_url: `${base}/comments{/number}`,
    commits_url: `${base}/commits{/sha}`,
    compare_url: `${base}/compare/{base}...{head}`,
    contents_url: `${base}/contents/{+path}`,
    contributors_url: `${base}/contributors`,
    deployments_url: `${base}/deployments`,
    downloads_url: `${base}/downloads`,
    events_url: `${base}/events`,
    forks_url: `${base}/forks`,
    git_commits_url: `${base}/git/commits{/sha}`,
    git_refs_url: `${base}/git/refs{/sha}`,
    git_tags_url: `${base}/git/tags{/sha}`,
    hooks_url: `${base}/hooks`,
    issue_comment_url: `${base}/issues/comments{/number}`,
    issue_events_url: `${base}/issues/events{/number}`,
    issues_url: `${base}/issues{/number}`,
    keys_url: `${base}/keys{/key_id}`,
    labels_url: `${base}/labels{/name}`,
    languages_url: `${base}/languages`,
    merges_url: `${base}/merges`,
    milestones_url: `${base}/milestones{/number}`,
    notifications_url: `${base}/notifications{?since,all,participating}`,
    pulls_url: `${base}/pulls{/number}`,
    releases_url: `${base}/releases{/id}`,
    stargazers_url: `${base}/stargazers`,
    statuses_url: `${base}/statuses/{sha}`,
    subscribers_url: `${base}/subscribers`,
    subscription_url: `${base}/subscription`,
    tags_url: `${base}/tags`,
    teams_url: `${base}/teams`,
    trees_url: `${base}/git/trees{/sha}`,
  };
}

const MIT = { key: 'mit', name: 'MIT License', spdx_id: 'MIT', url: `${API}/licenses/mit`, node_id: 'MDc6TGljZW5zZTEz' };

/** What search results embed: `minimal-repository`. */
export function minimalRepository(full: string, id: number, ownerId: number) {
  return {
    ...repositoryBase(full, id, ownerId),
    git_url: `git://github.com/${full}.git`,
    ssh_url: `git@github.com:${full}.git`,
    clone_url: `${WEB}/${full}.git`,
    svn_url: `${WEB}/${full}`,
    mirror_url: null,
    homepage: null,
    language: full.endsWith('dotfiles') ? 'Shell' : 'TypeScript',
    forks_count: 0,
    stargazers_count: 3,
    watchers_count: 3,
    size: 5120,
    default_branch: 'main',
    open_issues_count: 4,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'private',
    pushed_at: '2025-01-02T10:00:00Z',
    created_at: CREATED,
    updated_at: '2025-01-02T10:00:00Z',
    license: full.endsWith('dotfiles') ? null : MIT,
    forks: 0,
    open_issues: 4,
    watchers: 3,
    allow_forking: false,
    web_commit_signoff_required: false,
  };
}

/** `GET /repos/{owner}/{repo}`: `full-repository`. */
export function fullRepository(full: string, id: number, ownerId: number) {
  const owner = full.split('/')[0]!;
  return {
    ...minimalRepository(full, id, ownerId),
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    allow_rebase_merge: true,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_auto_merge: false,
    delete_branch_on_merge: true,
    allow_update_branch: false,
    use_squash_pr_title_as_default: false,
    network_count: 0,
    subscribers_count: 2,
    ...(owner === 'acme' ? { organization: simpleUser(owner, ownerId, 'Organization') } : {}),
  };
}

const REACTIONS = (url: string) => ({ url, total_count: 0, '+1': 0, '-1': 0, laugh: 0, confused: 0, heart: 0, hooray: 0, eyes: 0, rocket: 0 });

/** A merged pull request as `/search/issues` lists it (`issue-search-result-item`). */
export function issueSearchItem(s: RecordState, p: { number: number; repo: string; repoId: number; ownerId: number; author: { login: string; id: number } }) {
  const r = s.rec;
  const h = hash(r.id);
  const base = `${API}/repos/${p.repo}`;
  const issueUrl = `${base}/issues/${p.number}`;
  const labels = s.stage > 0 ? [{ id: 7_000_001, node_id: nodeId('LA', 7_000_001), url: `${base}/labels/released`, name: 'released', color: '0e8a16', default: false, description: null }] : [];
  return {
    url: issueUrl,
    repository_url: base,
    labels_url: `${issueUrl}/labels{/name}`,
    comments_url: `${issueUrl}/comments`,
    events_url: `${issueUrl}/events`,
    html_url: `${WEB}/${p.repo}/pull/${p.number}`,
    id: 1_000_000 + p.number,
    node_id: nodeId('PR', 1_000_000 + p.number),
    number: p.number,
    title: String(s.patch.title ?? r.title),
    locked: false,
    active_lock_reason: null,
    // A deleted account leaves `user` null (GitHub shows "ghost").
    user: h % 17 === 0 ? null : simpleUser(p.author.login, p.author.id),
    labels,
    state: 'closed',
    state_reason: null,
    assignee: h % 3 === 0 ? simpleUser(p.author.login, p.author.id) : null,
    assignees: h % 3 === 0 ? [simpleUser(p.author.login, p.author.id)] : [],
    milestone: null,
    comments: h % 4,
    created_at: iso(r.at - 3_600_000),
    updated_at: iso(s.updatedAt),
    closed_at: iso(r.at),
    author_association: 'MEMBER',
    draft: false,
    pull_request: { merged_at: iso(r.at), url: `${base}/pulls/${p.number}`, html_url: `${WEB}/${p.repo}/pull/${p.number}`, diff_url: `${WEB}/${p.repo}/pull/${p.number}.diff`, patch_url: `${WEB}/${p.repo}/pull/${p.number}.patch` },
    ...(h % 5 === 0 ? {} : { body: `Closes #${p.number - 1}.` }),
    reactions: REACTIONS(`${issueUrl}/reactions`),
    timeline_url: `${issueUrl}/timeline`,
    performed_via_github_app: null,
    score: 1,
  };
}

/** A commit as `/search/commits` lists it (`commit-search-result-item`). */
export function commitSearchItem(r: EmuRecord, p: { sha: string; repo: string; repoId: number; ownerId: number; author: { login: string; id: number } }) {
  const h = hash(r.id);
  const base = `${API}/repos/${p.repo}`;
  const person = { name: 'Octo Demo', email: 'octo-demo@users.noreply.github.com', date: iso(r.at) };
  const tree = Buffer.from(`tree-${r.id}`.padEnd(20, '0')).toString('hex').slice(0, 40);
  const parent = Buffer.from(`parent-${r.id}`.padEnd(20, '0')).toString('hex').slice(0, 40);
  // An author email not linked to a GitHub account leaves `author` (and `committer`) null; a commit whose
  // committer GitHub cannot read has `commit.committer` null (the spec's `nullable-git-user`).
  const linked = h % 5 !== 0;
  return {
    url: `${base}/commits/${p.sha}`,
    sha: p.sha,
    node_id: nodeId('C', p.sha.slice(0, 12)),
    html_url: `${WEB}/${p.repo}/commit/${p.sha}`,
    comments_url: `${base}/commits/${p.sha}/comments`,
    commit: {
      url: `${base}/git/commits/${p.sha}`,
      author: person,
      committer: h % 7 === 0 ? null : person,
      message: `${r.title}\n\nSigned-off-by: Octo Demo <octo-demo@users.noreply.github.com>`,
      tree: { sha: tree, url: `${base}/git/trees/${tree}` },
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    author: linked ? simpleUser(p.author.login, p.author.id) : null,
    committer: linked ? simpleUser(p.author.login, p.author.id) : null,
    parents: [{ url: `${base}/commits/${parent}`, html_url: `${WEB}/${p.repo}/commit/${parent}`, sha: parent }],
    repository: minimalRepository(p.repo, p.repoId, p.ownerId),
    score: 1,
  };
}
