"""The calls of a payment-terminal service company (`--preset terminal`): merchants' POS faults, supplies and
installs, business changes, taken partly by the dispatchers of their own cities."""

from __future__ import annotations

import random

from desk_app.core.kinds import TicketKind
from desk_app.services.demo.profile import Profile, Scenario, items

_CITY_DISTRICTS = {"长沙市": ("芙蓉区", "天心区", "岳麓区", "开福区"), "株洲市": ("天元区", "芦淞区", "荷塘区"),
                   "湘潭市": ("雨湖区", "岳塘区"), "武汉市": ("江汉区", "武昌区", "洪山区", "汉阳区"),
                   "宜昌市": ("西陵区", "伍家岗区"), "襄阳市": ("樊城区", "襄城区")}
_STREETS = ("人民路", "解放路", "建设大道", "中山路", "新华路", "五一大道", "长江路", "光明街", "胜利路", "和平街")
_SHOPS = ("鑫源便利店", "好邻居超市", "湘味小厨", "老街牛肉面", "佳佳母婴店", "百姓大药房", "新华五金店", "悦来茶楼",
          "顺发汽修", "天天鲜果园", "美丽人生美容院", "金鹰服饰", "乐购生活超市", "小城故事咖啡", "福满楼酒家")


def _district(rng: random.Random, city: str) -> str:
    return rng.choice(_CITY_DISTRICTS.get(city, ("",)))


def _merchant_address(rng: random.Random, area: str) -> str:
    return f"{area}{_district(rng, area)}{rng.choice(_STREETS)}{rng.randint(1, 399)}号"


def _merchant_name(rng: random.Random, area: str) -> str:
    return f"{_district(rng, area) or area}{rng.choice(_SHOPS)}"


TERMINAL = Profile(
    scenarios=(
        Scenario(TicketKind.REPAIR, items("机具故障", "POS机无法开机", "刷卡提示通讯失败，无法交易", "打印机卡纸，无法打印小票",
                                          "扫码盒子无法识别付款码", "电签机屏幕碎裂"),
                 weight=6, appoint=0.5, block=0.1, solutions=("已上门更换机具，交易测试正常", "已更换通讯模块，恢复交易")),
        Scenario(TicketKind.REQUEST, items("耗材配送", "需配送打印纸20卷", "需补充POS机电池及充电器")
                 + items("装/撤/换", "新店开业申请新装一台智能POS", "商户搬迁，申请撤机", "旧机型停用，申请换装电签机")
                 + items("资料收取", "上门收取商户签约资料", "收取商户营业执照复印件"),
                 weight=6, appoint=0.5, block=0.1,
                 solutions={"耗材配送": ("已送达，商户签收",), "装/撤/换": ("已完成装/撤/换机，商户签字确认",),
                            "资料收取": ("资料已收取并寄回总部",)}),
        Scenario(TicketKind.BUSINESS, items("信息变更", "变更商户结算账户", "变更商户联系人及电话", "商户名称变更，需重新签约"),
                 weight=3, block=0.25, solutions=("信息已变更，商户确认",)),
        Scenario(TicketKind.CONSULTATION, items("操作指导", "电话指导后仍无法完成退货操作，需上门")
                 + items("问题咨询", "咨询结算到账延迟原因，需核实"),
                 weight=2, block=0.2, solutions=("已上门指导商户完成操作", "已核实并告知商户")),
        Scenario(TicketKind.COMPLAINT, items("服务态度", "巡检员上门态度生硬") + items("上门时效", "报修两天仍未上门"),
                 weight=1, solutions=("已向商户致歉并安排上门",)),
    ),
    quick_answers=("电话指导商户重新签到后恢复交易", "指导商户更换打印纸，已解决", "咨询结算周期，已解答",
                   "指导商户进行退货操作，已解决", "询问流量卡续费方式，已告知"),
    quick_share=0.3,
    address=_merchant_address,
    customer_name=_merchant_name,
    block_reasons=("需银行方面配合核实结算信息", "商户门店暂停营业，待恢复后上门", "等待商户补充资料"),
    nearby={"湘潭市": ("cs_team", "zz_team"), "襄阳市": ("yc_team", "wh_team")},
    dispatcher_intake=0.3,
    unregistered=0.12,
    field_kinds=None,
)
