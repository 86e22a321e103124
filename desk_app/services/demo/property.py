"""The calls of a property management company (`--preset property`): repairs inside a home and in public areas,
emergency, major and paid repairs, complaints, requests, and what the patrols find."""

from __future__ import annotations

import random

from desk_app.core.kinds import Channel, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.routing import Scope
from desk_app.services.demo.common import flat
from desk_app.services.demo.profile import Profile, Scenario, items


def _property_address(rng: random.Random, area: str) -> str:
    if "商铺" in area:
        return f"锦绣家园{area}{rng.randint(1, 36)}号"
    return flat(rng, f"锦绣家园{area}")


PROPERTY = Profile(
    scenarios=(
        Scenario(TicketKind.REPAIR, items("燃气", "厨房燃气灶打不着火", "燃气表显示异常，需要检查")
                 + items("水管", "卫生间水管漏水，楼下天花板渗水", "厨房下水道堵塞，需要疏通")
                 + items("电路", "客厅插座跳闸，冰箱无法通电") + items("门窗", "入户门锁损坏，无法正常开关"),
                 weight=7, scope=Scope.PRIVATE, appoint=0.8, department="assist",
                 solutions=("已上门维修完毕，业主确认", "已更换损坏部件，恢复正常")),
        Scenario(TicketKind.REPAIR, items("门窗", "单元门闭门器损坏，门关不上", "楼道窗户玻璃破裂"),
                 weight=1, department="engineering", appoint=1.0, solutions=("已更换闭门器/玻璃",)),
        Scenario(TicketKind.REPAIR, items("公共水管道", "3栋地下室上水管渗漏") + items("公共电设施", "2单元电表箱门损坏")
                 + items("路灯/楼道灯", "楼道声控灯不亮，已有一周", "小区东门路灯不亮"),
                 weight=4, scope=Scope.PUBLIC, solutions=("工程部已维修完毕", "已更换灯具，恢复照明")),
        Scenario(TicketKind.REPAIR, items("门禁", "单元门禁刷卡无反应", "地库门禁无法识别业主卡"),
                 weight=2, scope=Scope.PUBLIC, solutions=("已重置门禁控制器，测试正常",)),
        Scenario(TicketKind.REPAIR, items("燃气", "燃气管道有异味，怀疑泄漏，请立即派人")
                 + items("水管", "户内主水管爆裂，家中大量积水"),
                 weight=1, variant=Variant.EMERGENCY, scope=Scope.PRIVATE,
                 solutions=("20分钟内到场关阀处置，已修复",)),
        Scenario(TicketKind.REPAIR, items("公共水管道", "主水管爆裂，楼道大量积水")
                 + items("公共电设施", "整栋楼停电，配电箱冒烟"),
                 weight=1, variant=Variant.EMERGENCY, scope=Scope.PUBLIC,
                 solutions=("已到场采取紧急措施并修复",)),
        Scenario(TicketKind.REPAIR, items("房屋质量", "外墙渗水导致卧室墙面发霉", "楼板开裂，需鉴定维修"),
                 weight=1, variant=Variant.MAJOR, scope=Scope.PRIVATE, appoint=1.0, block=0.2,
                 solutions=("已联系开发商维修，修复完毕",)),
        Scenario(TicketKind.REPAIR, items("户内有偿维修", "更换卫生间龙头及角阀（有偿）", "疏通马桶并更换水箱配件（有偿）",
                                          "安装厨房置物架（有偿）"),
                 weight=2, variant=Variant.PAID, scope=Scope.PRIVATE, appoint=1.0,
                 solutions=("已按报价完成有偿维修，业主签字确认",)),
        Scenario(TicketKind.COMPLAINT, items("噪音", "楼上住户深夜噪音扰民，多次沟通无果")
                 + items("漏水", "楼上卫生间漏水到我家，协商未果") + items("房屋质量", "新房墙面多处开裂，要求处理"),
                 weight=3, escalate=0.15, department="assist",
                 solutions=("已上门协调双方，达成处理意见",)),
        Scenario(TicketKind.COMPLAINT, items("公共秩序", "外来车辆占用消防通道") + items("环境卫生", "垃圾桶满溢无人清理")
                 + items("绿化", "中心花园树木多日未修剪") + items("物业费用", "对本季度物业费计费有异议"),
                 weight=3, escalate=0.1, solutions=("已整改并向业主说明",)),
        Scenario(TicketKind.COMPLAINT, items("服务态度", "前台人员服务态度差", "维修工上门后未清理现场"),
                 weight=1, department="assist", sensitive=0.2, solutions=("已约谈当事人并向业主致歉",)),
        Scenario(TicketKind.CONSULTATION, items("装修手续", "咨询装修申请需要哪些材料")
                 + items("水电气开通", "咨询新房燃气开通流程") + items("物业费用", "咨询物业费缴费方式及发票开具"),
                 weight=2, department="assist", sensitive=0.1, solutions=("已答复业主",)),
        Scenario(TicketKind.REQUEST, items("装修申请", "申请办理装修手续") + items("IC住户卡增办/补办", "补办IC住户卡")
                 + items("特约服务", "申请特约保洁服务"),
                 weight=2, department="assist", solutions=("已办理完毕",)),
        Scenario(TicketKind.REQUEST, items("车辆出入", "申请搬家车辆进入小区", "申请临时车辆出入证"),
                 weight=1, solutions=("已登记放行",)),
        Scenario(TicketKind.SUGGESTION, items("环境绿化", "建议小区增加垃圾分类投放点"), weight=1,
                 department="environment", solutions=("建议已采纳，下月增设",)),
        Scenario(TicketKind.SUGGESTION, items("服务改进", "建议前台增加夜间值班电话"), weight=1,
                 department="assist", solutions=("建议已收悉，纳入服务改进",)),
        Scenario(TicketKind.MAINTENANCE, items("四害消杀", "地下车库有大量蚊虫，需要消杀")
                 + items("环境卫生", "楼道卫生未按时清扫") + items("绿化", "草坪斑秃需要补种"),
                 weight=2, solutions={"四害消杀": ("已完成消杀",), "环境卫生": ("已安排保洁重新清扫",),
                                      "绿化": ("已补种草皮并设置提示牌",)}),
        Scenario(TicketKind.INSPECTION, items("环境卫生", "巡视发现：东侧绿化带旁垃圾堆积")
                 + items("消防安全", "巡视发现：地库消防通道被杂物占用", "巡视发现：消火栓箱玻璃破损")
                 + items("门禁", "巡视发现：单元门禁闭门器损坏") + items("公共电设施", "巡视发现：中心花园路灯不亮")
                 + items("绿化", "巡视发现：草坪有踩踏痕迹，未设防踩踏提示"),
                 weight=3, channels=(Channel.PATROL,), patrol=True, scope=Scope.PUBLIC,
                 solutions=("已按整改期限完成整改，拍照存档",)),
    ),
    quick_answers=("询问物业服务中心办公时间，已告知", "询问停水通知，已告知恢复时间", "查询快递柜位置，已告知",
                   "询问垃圾清运时间，已告知", "咨询停车月卡价格，已解答"),
    quick_share=0.22,
    address=_property_address,
    block_reasons=("等待业主家中有人，约定时间再上门", "等待配件到货", "需开发商配合处理"),
    supervisor_visits=frozenset({TicketKind.COMPLAINT}),
    desk_appoints=True,
)
