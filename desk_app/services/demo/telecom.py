"""The calls of a telecom operator's service center (`--preset telecom`): FTTH installs and their construction tasks,
broadband and fixed-line faults, 10086 complaints by station or through the provincial monitoring center, and
consultations that wait for the audit center and the reply."""

from __future__ import annotations

import random

from desk_app.core.kinds import Channel, Severity, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.states import State
from desk_app.services.demo.common import DEFAULT_ESTATES, flat
from desk_app.services.demo.profile import Profile, Scenario, items

_TELECOM_ESTATES = {"城北片区": ("北湖春晓", "驷马桥小区", "金府花园", "华润二十四城"),
                    "城南片区": ("南苑新城", "桐梓林小区", "锦江花园", "新会展家园")}


def _telecom_address(rng: random.Random, area: str) -> str:
    return flat(rng, rng.choice(_TELECOM_ESTATES.get(area, DEFAULT_ESTATES)))


_TELECOM_10086 = (("覆盖类", "10086转来：小区室内手机信号差，经常无法接通"), ("覆盖类", "10086转来：地下车库完全没有信号"),
                  ("呼叫类", "10086转来：通话中频繁掉话，对方听不清"), ("呼叫类", "10086转来：拨打电话提示网络忙"),
                  ("话费类", "10086转来：本月话费异常，多扣了流量费"), ("话费类", "10086转来：未订购的增值业务被扣费"),
                  ("GPRS/数据类", "10086转来：手机上网速度很慢，视频无法播放"),
                  ("GPRS/数据类", "10086转来：4G图标显示正常但无法上网"))
_TELECOM_10086_SOLUTIONS = {
    "覆盖类": ("查看告警及KPI指标，站点天线已调整，覆盖恢复", "基站故障已修复，室内信号恢复"),
    "呼叫类": ("站点传输故障已处理，通话恢复正常",),
    "话费类": ("核查计费记录后已退还多扣费用", "已取消未订购的增值业务并退费"),
    "GPRS/数据类": ("小区参数已优化，上网速率恢复", "核心网配置已修正，数据业务恢复")}
_SEVERITIES = (Severity.URGENT, Severity.IMPORTANT, Severity.IMPORTANT, Severity.SECONDARY, Severity.SECONDARY,
               Severity.GENERAL, Severity.GENERAL)

TELECOM = Profile(
    scenarios=(
        Scenario(TicketKind.FTTH_INSTALL, items("增加分纤箱", "光网宽带开通：现场查勘该楼栋分纤箱资源已用完，需增加分纤箱",
                                                "新装光宽带：单元分纤箱无空余端口", "新交付楼栋尚未布放分纤箱，客户申请光网宽带"),
                 weight=6, variant=Variant.FTTH_BOX, channels=(Channel.BUSINESS_HALL, Channel.PHONE),
                 construction=0.6, appoint=0.5, solutions=("已完成施工及资源录入，上门装机开通，测速正常",)),
        Scenario(TicketKind.FTTH_INSTALL, items("更换/增加分光器", "光网宽带开通：分光器端口已满，需增加分光器",
                                                "分光器故障需更换，影响新装宽带开通"),
                 weight=4, variant=Variant.FTTH_SPLITTER, channels=(Channel.BUSINESS_HALL, Channel.PHONE),
                 construction=0.4, appoint=0.5, solutions=("已更换分光器并录入资源，装机开通",)),
        Scenario(TicketKind.FAULT, items("宽带故障", "家中宽带无法上网，光猫LOS灯红色闪烁", "宽带频繁掉线，晚上尤其严重",
                                         "IPTV无信号，机顶盒提示网络连接失败")
                 + items("固话故障", "固定电话无拨号音", "固话通话有杂音"),
                 weight=5, appoint=0.6, block=0.08, solutions=("已上门更换尾纤，恢复正常", "已更换光猫，测试正常")),
        Scenario(TicketKind.COMPLAINT, _TELECOM_10086, weight=8, severities=_SEVERITIES,
                 channels=(Channel.HOTLINE_10086,), station=True, sensitive=0.05, escalate=0.12,
                 solutions=_TELECOM_10086_SOLUTIONS),
        Scenario(TicketKind.COMPLAINT, _TELECOM_10086[4:], weight=3, severities=_SEVERITIES,
                 channels=(Channel.HOTLINE_10086,), relay=True, solutions=_TELECOM_10086_SOLUTIONS),
        Scenario(TicketKind.COMPLAINT, items("宽带类", "宽带装机人员多次爽约", "宽带提速后网速没有变化")
                 + items("服务质量", "营业厅办理业务排队时间过长，服务态度差", "装维人员上门未出示工牌"),
                 weight=3, department="service", channels=(Channel.PHONE, Channel.BUSINESS_HALL), escalate=0.15,
                 sensitive=0.05, solutions=("已约谈相关人员并向用户致歉，拟回复方案报领导审批",)),
        Scenario(TicketKind.CONSULTATION, items("资费套餐", "咨询融合套餐资费及办理条件")
                 + items("宽带业务", "咨询千兆宽带能否在本小区开通") + items("网络覆盖", "咨询所在村镇何时开通5G信号")
                 + items("账单查询", "对上月账单明细有疑问，要求书面说明"),
                 weight=5, department="service", channels=(Channel.PHONE, Channel.WECHAT),
                 solutions=("已拟定答复口径，报部门领导审批后反馈用户",)),
        Scenario(TicketKind.SUGGESTION, items("业务建议", "建议营业厅延长周末营业时间")
                 + items("服务建议", "建议宽带报修增加微信预约"),
                 weight=2, department="service", solutions=("建议已收悉，纳入下季度服务改进计划",)),
    ),
    quick_answers=("咨询宽带资费套餐，已电话解答", "查询话费余额，已告知", "咨询营业厅营业时间，已告知",
                   "询问光猫指示灯含义，电话指导后恢复上网", "咨询携号转网办理条件，已解答"),
    quick_share=0.22,
    address=_telecom_address,
    block_reasons=("用户家中无人，约定时间再上门", "等待物业同意进场布线", "等待设备厂家配件到货"),
    monitor="monitor",
    netdata="netdata",
    showcase={State.PENDING_AUDIT: TicketKind.CONSULTATION, State.PENDING_REPLY: TicketKind.CONSULTATION},
)
