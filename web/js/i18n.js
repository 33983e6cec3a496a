/*
 * i18n.js: every label of the site in English and Chinese (中文).
 * t(key) gives the label in the chosen language; the choice is kept in
 * localStorage ("podium-lang") and defaults to the browser's language.
 */
'use strict';

const PD_LABELS = {
  en: {
    site_name: 'Beijing 2022', site_tagline: 'Live results', skip: 'Skip to content',
    nav_home: 'Home', nav_schedule: 'Schedule', nav_medals: 'Medals', nav_news: 'News',
    nav_ops: 'Operators', lang_switch: '中文', lang_switch_label: 'Switch to Chinese',
    nav_label: 'Main', breadcrumb: 'Breadcrumb',
    live_now: 'Live now', nothing_live: 'Nothing is live at the moment.',
    todays_schedule: "Today's schedule", day_schedule: 'Schedule for {day}',
    latest_medallists: 'Latest medallists', no_medals_yet: 'No medals awarded yet.',
    medal_table: 'Medal table', medal_table_top: 'Medal table: top {n}', full_table: 'Full medal table',
    full_schedule: 'Full schedule', latest_news: 'Latest news', all_news: 'All news',
    rank: 'Rank', noc: 'NOC', gold: 'Gold', silver: 'Silver', bronze: 'Bronze', total: 'Total',
    sort_by: 'Sort by {col}', tied: 'tied',
    day: 'Day', discipline: 'Discipline', venue: 'Venue', zone: 'Zone', all: 'All',
    status: 'Status', time: 'Time', event: 'Event', unit: 'Unit', units: 'Units',
    beijing_time: 'Beijing time (UTC+8)', filter: 'Filter', no_units: 'No units match.',
    START_LIST: 'Start list', LIVE: 'Live', UNOFFICIAL: 'Unofficial', OFFICIAL: 'Official',
    start_list: 'Start list', results: 'Results', no_results: 'No results yet.',
    bib: 'Bib', order: 'Order', name: 'Name', result: 'Result', irm: 'IRM', behind: 'Behind',
    run_n: 'Run {n}', details: 'Details', show_details: 'Show details', medal_unit: 'Medal unit',
    phases: 'Phases and units', event_results: 'Event results', live_updates: 'Live updates on',
    updated: 'Updated', history: 'Observations', bracket: 'Bracket', groups: 'Groups',
    group_n: 'Group {n}', playoffs: 'Play-offs', heat: 'Heat', final_n: 'Final {n}',
    medallists: 'Medallists', athletes: 'Athletes', teams: 'Teams', athlete: 'Athlete',
    member_of: 'Member of', members: 'Members', competes_in: 'Competes in',
    noc_page: 'National Olympic Committee', medal_count: 'Medal count',
    news: 'News', home: 'Home', published: 'Published', read_more: 'Read the article',
    suggest: 'Suggest to a friend', suggest_body: 'I thought you would like this article:',
    not_found: 'Page not found', not_found_text: 'There is no such page.',
    loading: 'Loading…', load_error: 'Could not load: {msg}',
    ops_title: 'Results entry', ops_intro: 'Enter or correct a unit\u2019s observations. Every write needs a results token for the discipline.',
    token: 'Token', unit_code: 'Unit code (RSC, 34 characters)', load_unit: 'Load unit',
    observation: 'Observation (one JSON object)', supersedes: 'Corrects observation (seq, optional)',
    submit: 'Submit observation', set_status: 'Set status', status_change: 'Status change',
    use_template: 'Use as template', correct: 'Correct', seq: 'Seq', author: 'Author',
    accepted: 'Stored as observation {seq}.', refused: 'Refused by the server ({code}): {msg}',
    bad_rsc: 'The unit code must be 34 characters of A-Z, 0-9 and -.',
    bad_json: 'The observation is not valid JSON: {msg}', not_object: 'The observation must be one JSON object.',
    bad_seq: 'The corrected observation must be a positive whole number.',
    need_token: 'Enter your token.', unknown_unit: 'No such unit.', body: 'Body',
    competitor: 'Competitor', unknown_competitor_warn: 'Competitor {id} is not on the start list.',
    judges_panel: "Judges' panel", elements: 'Elements', components: 'Program components',
    footer: 'Podium: open-source results for a Winter Games. Times are Beijing time.',
  },
  zh: {
    site_name: '北京2022', site_tagline: '实时成绩', skip: '跳到正文',
    nav_home: '首页', nav_schedule: '赛程', nav_medals: '奖牌榜', nav_news: '新闻',
    nav_ops: '成绩录入', lang_switch: 'English', lang_switch_label: '切换到英文',
    nav_label: '主导航', breadcrumb: '导航路径',
    live_now: '正在进行', nothing_live: '目前没有正在进行的比赛。',
    todays_schedule: '今日赛程', day_schedule: '{day}赛程',
    latest_medallists: '最新奖牌得主', no_medals_yet: '尚未颁发奖牌。',
    medal_table: '奖牌榜', medal_table_top: '奖牌榜前{n}名', full_table: '完整奖牌榜',
    full_schedule: '完整赛程', latest_news: '最新新闻', all_news: '全部新闻',
    rank: '排名', noc: '代表团', gold: '金牌', silver: '银牌', bronze: '铜牌', total: '总数',
    sort_by: '按{col}排序', tied: '并列',
    day: '日期', discipline: '分项', venue: '场馆', zone: '赛区', all: '全部',
    status: '状态', time: '时间', event: '小项', unit: '场次', units: '场次',
    beijing_time: '北京时间（UTC+8）', filter: '筛选', no_units: '没有符合条件的场次。',
    START_LIST: '出发名单', LIVE: '进行中', UNOFFICIAL: '非正式成绩', OFFICIAL: '正式成绩',
    start_list: '出发名单', results: '成绩', no_results: '暂无成绩。',
    bib: '号码', order: '顺序', name: '姓名', result: '成绩', irm: '特殊成绩', behind: '差距',
    run_n: '第{n}轮', details: '详情', show_details: '显示详情', medal_unit: '决赛',
    phases: '阶段和场次', event_results: '小项成绩', live_updates: '实时更新已开启',
    updated: '已更新', history: '录入记录', bracket: '对阵图', groups: '小组',
    group_n: '{n}组', playoffs: '淘汰赛', heat: '组次', final_n: '{n}组决赛',
    medallists: '奖牌得主', athletes: '运动员', teams: '队伍', athlete: '运动员',
    member_of: '所属队伍', members: '队员', competes_in: '参赛场次',
    noc_page: '国家（地区）奥委会', medal_count: '奖牌数',
    news: '新闻', home: '首页', published: '发布日期', read_more: '阅读全文',
    suggest: '推荐给朋友', suggest_body: '推荐你看这篇文章：',
    not_found: '页面不存在', not_found_text: '没有这个页面。',
    loading: '加载中…', load_error: '无法加载：{msg}',
    ops_title: '成绩录入', ops_intro: '录入或更正场次的观测数据。每次写入都需要该分项的成绩令牌。',
    token: '令牌', unit_code: '场次代码（RSC，34个字符）', load_unit: '载入场次',
    observation: '观测数据（一个JSON对象）', supersedes: '更正的观测序号（可选）',
    submit: '提交观测数据', set_status: '设置状态', status_change: '状态变更',
    use_template: '用作模板', correct: '更正', seq: '序号', author: '录入人',
    accepted: '已保存为第{seq}条观测数据。', refused: '服务器拒绝（{code}）：{msg}',
    bad_rsc: '场次代码必须是34个字符（A-Z、0-9和-）。',
    bad_json: '观测数据不是有效的JSON：{msg}', not_object: '观测数据必须是一个JSON对象。',
    bad_seq: '更正的观测序号必须是正整数。',
    need_token: '请输入令牌。', unknown_unit: '没有这个场次。', body: '内容',
    competitor: '参赛者', unknown_competitor_warn: '参赛者{id}不在出发名单上。',
    judges_panel: '裁判评分', elements: '技术动作', components: '节目内容分',
    footer: 'Podium：冬奥会开源成绩系统。时间均为北京时间。',
  },
};

const PD_DISCIPLINES_ZH = {
  ALP: '高山滑雪', BTH: '冬季两项', BOB: '雪车', CCS: '越野滑雪', CUR: '冰壶', FSK: '花样滑冰',
  FRS: '自由式滑雪', IHO: '冰球', LUG: '雪橇', NCB: '北欧两项', SKN: '钢架雪车', SJP: '跳台滑雪',
  SBD: '单板滑雪', SSK: '速度滑冰', STK: '短道速滑',
};
const PD_ZONES_ZH = { BEJ: '北京赛区', YAN: '延庆赛区', ZHA: '张家口赛区' };
const PD_VENUES_ZH = {
  BAS: '首钢滑雪大跳台', CIS: '首都体育馆', NAC: '国家游泳中心', NIS: '国家体育馆',
  NSO: '国家速滑馆', WKS: '五棵松体育中心', YAS: '国家高山滑雪中心', YSC: '国家雪车雪橇中心',
  GSP: '云顶滑雪公园', ZBT: '国家冬季两项中心', ZCC: '国家越野滑雪中心', ZSJ: '国家跳台滑雪中心',
};

function pdLang() {
  let lang = null;
  try { lang = localStorage.getItem('podium-lang'); } catch (e) { lang = null; }
  if (lang !== 'en' && lang !== 'zh')
    lang = (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  return lang;
}

function pdSetLang(lang) {
  try { localStorage.setItem('podium-lang', lang); } catch (e) { /* private mode: this page only */ }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/* The label for key in the current language, {name} placeholders filled from vars. */
function t(key, vars) {
  const table = PD_LABELS[pdLang()] || PD_LABELS.en;
  let text = key in table ? table[key] : (key in PD_LABELS.en ? PD_LABELS.en[key] : key);
  if (vars)
    for (const k of Object.keys(vars))
      text = text.split('{' + k + '}').join(String(vars[k]));
  return text;
}
