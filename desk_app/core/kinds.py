"""The vocabulary of the desk: ticket kinds, channels, roles, satisfaction and severities, with their names."""

from __future__ import annotations

from enum import StrEnum

from desk_app.core.labels import QT_TRANSLATE_NOOP, register


class TicketKind(StrEnum):
    """工单类型."""

    CONSULTATION = "consultation"
    COMPLAINT = "complaint"
    REPAIR = "repair"
    SUGGESTION = "suggestion"
    REQUEST = "request"
    FAULT = "fault"
    BUSINESS = "business"
    MAINTENANCE = "maintenance"
    FTTH_INSTALL = "ftth_install"
    INSPECTION = "inspection"
    OTHER = "other"


class Channel(StrEnum):
    """受理渠道."""

    PHONE = "phone"
    VISIT = "visit"
    WECHAT = "wechat"
    EMAIL = "email"
    PATROL = "patrol"
    HOTLINE_10086 = "10086"
    HOTLINE_12530 = "12530"
    BUSINESS_HALL = "business_hall"


class Role(StrEnum):
    RECEPTIONIST = "receptionist"
    DISPATCHER = "dispatcher"
    RECEIVER = "receiver"
    LEADER = "leader"
    AUDIT = "audit"
    OFFICE = "office"
    CENTER = "center"
    FIELD = "field"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    BASICALLY = "basically"
    UNSATISFIED = "unsatisfied"


class Severity(StrEnum):
    """10086 complaint severities, each with its own feedback and transfer limit."""

    URGENT = "urgent"
    IMPORTANT = "important"
    SECONDARY = "secondary"
    GENERAL = "general"


class Level(StrEnum):
    """Urgency and impact levels of the priority matrix."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Escalation(StrEnum):
    """Complaint handling by level: who is alerted (general → department leader; emergency/complex → and the
    supervisor; major: economic loss, lawsuit, public opinion → and the center leader at once)."""

    GENERAL = "general"
    EMERGENCY = "emergency"
    MAJOR = "major"


class ComplaintLevel(StrEnum):
    """诉求 (appeal) or 申告 (formal complaint): a repeat within 4 h, or one from a business hall or 12530, is 申告."""

    APPEAL = "appeal"
    FORMAL = "formal"


class CallOutcome(StrEnum):
    """How a line of the call/visit register (来电来访登记表) ended."""

    OPEN = "open"
    SOLVED = "solved"
    TICKET = "ticket"


register({
    TicketKind.CONSULTATION: (QT_TRANSLATE_NOOP("Label", "Consultation"), "咨询"),
    TicketKind.COMPLAINT: (QT_TRANSLATE_NOOP("Label", "Complaint"), "投诉"),
    TicketKind.REPAIR: (QT_TRANSLATE_NOOP("Label", "Repair"), "报修"),
    TicketKind.SUGGESTION: (QT_TRANSLATE_NOOP("Label", "Suggestion"), "建议"),
    TicketKind.REQUEST: (QT_TRANSLATE_NOOP("Label", "Request"), "申请"),
    TicketKind.FAULT: (QT_TRANSLATE_NOOP("Label", "Fault"), "故障"),
    TicketKind.BUSINESS: (QT_TRANSLATE_NOOP("Label", "Business processing"), "业务办理"),
    TicketKind.MAINTENANCE: (QT_TRANSLATE_NOOP("Label", "Maintenance"), "维护作业"),
    TicketKind.FTTH_INSTALL: (QT_TRANSLATE_NOOP("Label", "FTTH pending install"), "FTTH待装"),
    TicketKind.INSPECTION: (QT_TRANSLATE_NOOP("Label", "Inspection finding"), "巡检整改"),
    TicketKind.OTHER: (QT_TRANSLATE_NOOP("Label", "Other"), "其他"),
    Channel.PHONE: (QT_TRANSLATE_NOOP("Label", "Phone"), "电话"),
    Channel.VISIT: (QT_TRANSLATE_NOOP("Label", "Walk-in visit"), "来访"),
    Channel.WECHAT: (QT_TRANSLATE_NOOP("Label", "WeChat / message"), "微信/即时消息"),
    Channel.EMAIL: (QT_TRANSLATE_NOOP("Label", "E-mail"), "电子邮件"),
    Channel.PATROL: (QT_TRANSLATE_NOOP("Label", "On-site patrol"), "现场巡查"),
    Channel.HOTLINE_10086: (QT_TRANSLATE_NOOP("Label", "From 10086"), "10086转入"),
    Channel.HOTLINE_12530: (QT_TRANSLATE_NOOP("Label", "From 12530"), "12530转入"),
    Channel.BUSINESS_HALL: (QT_TRANSLATE_NOOP("Label", "Business hall"), "营业厅"),
    Role.RECEPTIONIST: (QT_TRANSLATE_NOOP("Label", "Receptionist"), "前台/坐席"),
    Role.DISPATCHER: (QT_TRANSLATE_NOOP("Label", "Second-level dispatcher"), "二级客服"),
    Role.RECEIVER: (QT_TRANSLATE_NOOP("Label", "Department receiver"), "部门承接人"),
    Role.LEADER: (QT_TRANSLATE_NOOP("Label", "Department leader"), "部门领导"),
    Role.AUDIT: (QT_TRANSLATE_NOOP("Label", "Audit center"), "审核中心"),
    Role.OFFICE: (QT_TRANSLATE_NOOP("Label", "Office"), "办公室"),
    Role.CENTER: (QT_TRANSLATE_NOOP("Label", "Center leader"), "中心领导"),
    Role.FIELD: (QT_TRANSLATE_NOOP("Label", "Area field staff"), "片区装维人员"),
    Role.SUPERVISOR: (QT_TRANSLATE_NOOP("Label", "Customer-service supervisor"), "客服主管"),
    Role.ADMIN: (QT_TRANSLATE_NOOP("Label", "Administrator"), "管理员"),
    Satisfaction.SATISFIED: (QT_TRANSLATE_NOOP("Label", "Satisfied"), "满意"),
    Satisfaction.BASICALLY: (QT_TRANSLATE_NOOP("Label", "Basically satisfied"), "基本满意"),
    Satisfaction.UNSATISFIED: (QT_TRANSLATE_NOOP("Label", "Unsatisfied"), "不满意"),
    Severity.URGENT: (QT_TRANSLATE_NOOP("Label", "Urgent"), "紧急"),
    Severity.IMPORTANT: (QT_TRANSLATE_NOOP("Label", "Important"), "重要"),
    Severity.SECONDARY: (QT_TRANSLATE_NOOP("Label", "Secondary"), "次要"),
    Severity.GENERAL: (QT_TRANSLATE_NOOP("Label", "General"), "一般"),
    Level.HIGH: (QT_TRANSLATE_NOOP("Label", "High"), "高"),
    Level.MEDIUM: (QT_TRANSLATE_NOOP("Label", "Medium"), "中"),
    Level.LOW: (QT_TRANSLATE_NOOP("Label", "Low"), "低"),
    ComplaintLevel.APPEAL: (QT_TRANSLATE_NOOP("Label", "Appeal"), "诉求"),
    ComplaintLevel.FORMAL: (QT_TRANSLATE_NOOP("Label", "Formal complaint"), "申告"),
    CallOutcome.OPEN: (QT_TRANSLATE_NOOP("Label", "Open"), "待处理"),
    CallOutcome.SOLVED: (QT_TRANSLATE_NOOP("Label", "Solved at first contact"), "当场解决"),
    CallOutcome.TICKET: (QT_TRANSLATE_NOOP("Label", "Turned into a ticket"), "已转工单"),
})
# Its own call: Escalation.GENERAL and Severity.GENERAL share a value, and a dict would keep only one of them.
register({
    Escalation.GENERAL: (QT_TRANSLATE_NOOP("Label", "General complaint"), "一般投诉"),
    Escalation.EMERGENCY: (QT_TRANSLATE_NOOP("Label", "Emergency / complex"), "紧急/复杂投诉"),
    Escalation.MAJOR: (QT_TRANSLATE_NOOP("Label", "Major complaint"), "重大投诉"),
})
