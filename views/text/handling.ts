/** 办理: the units' parts, replies, ratings, the staff's actions and their errors, attachments and print-outs. */
import type { AssignmentError, AssignmentPlan, AssignmentSummary } from '../../worker/rules/assignment-plan';
import { MAX_FILE_BYTES, type FileRefusal } from '../../worker/rules/attachments';
import { charCount } from '../../worker/rules/char-count';
import { messagesOf } from './messages.ts';

export const handlingText = {
  handling: {
    units: '承办单位',
    unitRole: { lead: '主办', assist: '协办', split: '分办' } as Record<string, string>,
    partColumn: '主办/协办/分办',
    partStateColumn: '本单位办理状态',
    unitState: {
      assigned: '待签收',
      in_progress: '办理中',
      return_requested: '申请退回',
      replied: '已答复',
      withdrawn: '已撤回',
    } as Record<string, string>,
    returnDue: '退回申请截止',
    opinionDue: '协办意见截止',
    replyDue: '答复期限',
    extendedFrom: (d: string) => `（原期限 ${d}）`,
    replies: '答复与意见',
    replyKind: { opinion: '协办意见', reply: '答复', progress: '进展', final: '最终答复' } as Record<string, string>,
    round: (n: number) => (n > 1 ? `第 ${n} 轮` : ''),
    classLabel: '答复类别',
    classes: {
      A: 'A 类：所提问题已经解决或基本解决',
      B: 'B 类：正在解决或已列入计划逐步解决',
      C: 'C 类：因目前条件限制需以后解决',
      D: 'D 类：留作参考',
    } as Record<string, string>,
    promisedDate: '承诺完成日期',
    signer: '签发人',
    contacts: '与代表沟通记录',
    contactWho: { unit_head: '单位负责人', deputy_head: '分管负责人', staff: '经办人员' } as Record<string, string>,
    contactHow: { meeting: '当面座谈', site_visit: '实地察看', phone: '电话沟通', other: '其他方式' } as Record<string, string>,
    ratings: '代表评价',
    ratingValues: { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' } as Record<string, string>,
    attitude: '办理态度',
    result: '办理结果',
    comment: '意见（可选）',
    keyLabel: '重点建议',
    leader: '领衔督办领导',
    evaluationDue: '评价截止',
    replyNote: (cls: string, signer: string) => `${cls} 类 · 签发人 ${signer}`,
    actionsTitle: '办理操作',
    fields: {
      note: '说明',
      reason: '理由',
      rejectReason: '不予立案理由',
      target: '并入建议的编号',
      targetHint: '如 2026-0003',
      mode: '交办方式',
      modeLead: '主办 + 协办',
      modeSplit: '分办（各单位分别答复）',
      leadUnit: '主办单位',
      assistUnits: '协办单位（可多选）',
      splitUnits: '分办单位（可多选）',
      newDue: '新的答复期限',
      body: '内容',
      contactedOn: '沟通日期',
      who: '沟通人',
      how: '沟通方式',
      isKey: '列为重点建议',
      multiHint: '可多选：电脑上按住 Ctrl 键点选，手机上逐个点选。',
    },
    rejectReasons: {
      personal: '属于个人私事或具体个案',
      no_content: '没有实质内容',
      forwarding: '属于转交来信',
      ad: '属于宣传或广告',
      other: '其他（请填写）',
    } as Record<string, string>,
    buttons: {
      accept: '立案',
      classify: '保存分类',
      return_for_revision: '退回修改',
      reject: '不予立案',
      merge: '并案',
      assign: '交办',
      reassign: '改交办',
      approve_return: '同意退回',
      refuse_return: '不同意退回',
      extend: '延期',
      correct_class: '更正类别',
      close: '办结',
      sign_for: '签收',
      request_return: '申请退回',
      opinion: '提交协办意见',
      contact: '记录沟通',
      reply: '提交答复',
      progress: '报送进展',
      final_reply: '提交最终答复',
      rate: '提交评价',
      resubmit: '修改并提交',
      raise_colour: '升级督办颜色',
      supervise: '记录督办',
    } as Record<string, string>,
    done: {
      accept: '已立案。',
      classify: '分类已保存。',
      return_for_revision: '已退回代表修改。',
      reject: '已不予立案，并告知代表。',
      merge: '已并案。',
      assign: '已交办，承办单位会收到通知。',
      reassign: '已改交办。',
      approve_return: '已同意退回，请重新交办。',
      refuse_return: '已不同意退回，承办单位须继续办理。',
      extend: '已延期，并告知代表。',
      correct_class: '答复类别已更正。',
      close: '已办结。',
      sign_for: '已签收。',
      request_return: '退回申请已提交，等待代表工委审核。',
      opinion: '协办意见已提交主办单位。',
      contact: '沟通情况已记录。',
      reply: '答复已提交，代表会收到通知。',
      progress: '进展已报送。',
      final_reply: '最终答复已提交。',
      rate: '感谢您的评价。',
      resubmit: '建议已提交。',
      raise_colour: '督办颜色已升级，相关人员会收到提醒。',
      supervise: '督办已记录。',
      save_draft: '草稿已保存，只有您自己能看到。可随时打开草稿修改并提交。',
      publish: '已公开，公众无需登录即可查看。',
      unpublish: '已撤回公开，公众不能再查看。',
    } as Record<string, string>,
    noRunningStage: '这条建议当前没有正在计时的环节，无法升级督办颜色。',
    superviseKinds: { letter: '督办函', interview: '约谈', notice: '通报', site_visit: '实地督查' } as Record<string, string>,
    supervisions: '督办记录',
    raiseTo: '升级为',
    superviseKind: '督办方式',
    actedOn: '日期',
    conflictTitle: '建议状态已变化',
    conflict: '这条建议刚刚已被其他人处理，您的操作没有执行。请刷新页面查看最新状态后再操作。',
    notAllowed: '这条建议当前的状态不允许这个操作。',
  },
  handlingErrors: {
    required: '此项必须填写。',
    tooLong: (max: number) => `不能超过 ${max} 个字。`,
    chooseOne: '请选择一项。',
    unitUnknown: '所选单位不在本县承办单位名单中。',
    unitTwice: '同一单位不能既主办又协办。',
    splitNeedsTwo: '分办至少选择两个单位。',
    dateInvalid: '请填写有效日期，格式如 2026-12-31。',
    dateNotFuture: '新期限必须晚于当前期限。',
    dateBeyondMax: (max: string) => `延期后的期限不能晚于 ${max}（最长延期期限）。`,
    dateInFuture: '沟通日期不能晚于今天。',
    promisedRequired: 'B 类答复须填写承诺完成日期。',
    classUnknown: '请选择本县使用的答复类别。',
    targetUnknown: '找不到这个编号的建议，或它不能作为并案对象。',
    targetSelf: '不能并入自己。',
  },
  attachments: {
    label: '附件（可选）',
    hint: '答复函扫描件或照片：PDF、JPG、PNG，每个不超过 10 MB，最多 5 个。',
    title: '附件',
    tooMany: (max: number) => `最多上传 ${max} 个附件。`,
    /** Why a file was refused, naming the file (worker/rules/attachments.ts). */
    refusals: {
      file_empty: (name: string) => `“${name}”是空文件。`,
      file_too_large: (name: string) => `“${name}”超过 ${MAX_FILE_BYTES / 1024 / 1024} MB，请压缩后再上传。`,
      file_bad_type: (name: string) => `“${name}”不是 PDF、JPG 或 PNG 文件。`,
    } satisfies Record<FileRefusal, (name: string) => string>,
    reattach: '请重新选择附件（出于安全原因，浏览器不会保留已选的文件）。',
  },
  print: {
    printHint: '用浏览器的“打印”功能打印本页（A4）。',
    replyTitle: (unit: string, title: string) => `${unit}关于《${title}》的答复`,
    deputySuffix: '代表',
    replyOpening: (number: string, title: string) => `您提出的第 ${number} 号《${title}》收悉。现答复如下：`,
    copyTo: '抄送附议代表',
    feedbackTitle: '代表建议办理情况反馈意见表',
    repliedOn: '答复日期',
    contacted: '是否与代表沟通',
    opinion: '代表意见',
    deputySignature: '代表签名',
    date: '日期',
    dateBlank: '　　年　　月　　日',
    feedbackNote: (due: string | null) =>
      `请在${due ? ` ${due} 前` : '收到答复后 10 日内'}填写并交回县人大常委会代表工作委员会，或在“回音”平台上直接评价。`,
    printReply: '打印答复',
    printSupervisionLetter: '生成督办函（打印）',
    letterTitle: '督办函',
    letterSubject: (number: string, title: string) => `关于第 ${number} 号《${title}》办理情况的督办函`,
    letterBody: (state: string, colour: string) =>
      `该建议目前处于“${state}”环节，督办等级为${colour}。根据代表建议办理工作有关规定，请你单位高度重视，抓紧办理，加强与代表的沟通，并于收到本函后 5 个工作日内将办理进展书面报告县人大常委会代表工作委员会。`,
    printFeedback: '打印反馈意见表',
  },
  tracking: {
    title: 'B类件跟踪',
    nav: 'B类件跟踪',
    intro: '已答复为“正在解决或已列入计划”的建议，承办单位须报送进展并作最终答复；未办结的跨年继续跟踪，年底回头看。',
    empty: '目前没有需要跟踪落实的建议。',
    lastProgress: '最近进展',
    noProgress: '尚无进展',
    late: '已超过承诺日期',
    carried: '跨年跟踪',
  },
};

/** The message for a refused file; a long file name is cut to its first 40 characters. */
export function fileRefusalText(refusal: { code: FileRefusal; name: string }): string {
  const { code, name } = refusal;
  const shown = charCount(name) > 40 ? `${[...name].slice(0, 40).join('')}…` : name;
  return handlingText.attachments.refusals[code](shown);
}

/** Why a choice of units for 交办 was refused (worker/rules/assignment-plan.ts). */
export const assignmentErrorText = {
  choose_one: handlingText.handlingErrors.chooseOne,
  unit_unknown: handlingText.handlingErrors.unitUnknown,
  unit_twice: handlingText.handlingErrors.unitTwice,
  split_needs_two: handlingText.handlingErrors.splitNeedsTwo,
} satisfies Record<AssignmentError, string>;

/** The timeline note of an assignment, e.g. “主办：县交通运输局；协办：县财政局；答复期限 2027-03-01”. */
export function assignmentNote(s: AssignmentSummary): string {
  const h = handlingText.handling;
  const parts = s.parts.map((p) => `${h.unitRole[p.role]}：${p.names.join('、')}`).join('；');
  return `${parts}；${h.replyDue} ${s.replyDue}${s.note ? `；${s.note}` : ''}`;
}

/** A 交办 plan in words: its timeline note, or the message of each refused field. */
export function assignmentPlanText(
  plan: AssignmentPlan,
): { ok: true; list: Extract<AssignmentPlan, { ok: true }>['list']; note: string } | { ok: false; errors: Record<string, string> } {
  if (!plan.ok) return { ok: false, errors: messagesOf(plan.errors, assignmentErrorText) };
  return { ok: true, list: plan.list, note: assignmentNote(plan.summary) };
}
