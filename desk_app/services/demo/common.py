"""What every part of the demo draws on: Chinese names, mobile numbers, estates and flats, the stock phrases of the
desk, and the one logger the demo reports to."""

from __future__ import annotations

import logging
import random

# The demo logs as "desk_app.services.demo", the name it had as one module (a test listens there).
log = logging.getLogger(__package__)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ["秀英", "桂英", "明", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "超", "霞",
         "平", "刚", "建华", "建国", "志强", "海燕", "春梅", "玉兰", "文", "斌", "宇", "浩", "欣怡", "子轩", "梓涵"]
ESTATES = [("阳光花园", "城北片区"), ("翠湖苑", "城南片区"), ("锦绣家园", "城东片区"), ("金色港湾", "城西片区"),
           ("和平里小区", "城北片区"), ("东方明珠苑", "城南片区")]
MOBILE_PREFIXES = ["130", "131", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "158", "159",
                   "177", "180", "181", "185", "186", "187", "188", "189"]
QUICK_ANSWERS = ["询问物业服务中心办公时间，已告知", "询问停水通知，已告知恢复时间", "咨询宽带资费套餐，已电话解答",
                 "查询快递柜位置，已告知", "询问垃圾清运时间，已告知"]
SOLUTIONS = ["已派维修人员上门处理完毕，客户确认", "已更换损坏部件，恢复正常", "已与相关住户沟通协调，问题解决",
             "已电话回复客户并解释原因", "已完成施工及资源录入，通知片区维护人员"]
BLOCK_REASONS = ["等待业主家中有人，约定下周上门", "需银行方面配合核实", "等待厂家配件到货"]
DEFAULT_ESTATES = tuple(estate for estate, _ in ESTATES)


def mobile_number(rng: random.Random) -> str:
    return f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(10000000, 99999999)}"


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def flat(rng: random.Random, estate: str) -> str:
    return f"{estate}{rng.randint(1, 18)}栋{rng.randint(1, 4)}单元{rng.randint(2, 28)}{rng.randint(1, 4):02d}"
